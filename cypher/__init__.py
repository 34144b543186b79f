"""Cypher statements, one named statement per ``.cypher`` file; see graph/cypher.py."""
