"""The board of offers and needs (供需看板, issue 15): posts as facts, their lifetime, matching.

A post is an offer or a need (``side``) of one kind (:class:`graph.model.CoopKind`: 信息 技术
人才 资金 产品 产能 设备) by one firm. Posts are ``:Post`` nodes on both stores, keyed by id and
linked to their firm, products and chain by id properties (not relationships), so that every
reading of the panorama (neighbours, stats, exports) is the same with or without a board.
"""
