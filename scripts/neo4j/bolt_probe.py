"""How scripts/neo4j-local tells that its Neo4j server is up: a Bolt handshake first (bounded,
stdlib only), then a real query through the driver when the driver is at hand; and whether a
port is free to listen on. Kept apart from the launcher so each stays one job."""

from __future__ import annotations

import importlib.util
import socket


class AuthFailed(Exception):
    """The server answers but refuses the credentials (a password set on an earlier start)."""


def handshake(port: int) -> bool:
    """A Bolt handshake, bounded by a socket timeout: a non-zero version reply means Bolt is up."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=3) as s:
            magic = bytes.fromhex("6060B017")
            # Four proposals, each [0, range, minor, major]: 5.8 down to 5.0, 4.4, none, none.
            s.sendall(magic + bytes([0, 8, 8, 5, 0, 0, 4, 4]) + bytes(8))
            reply = s.recv(4)
        return len(reply) == 4 and reply != b"\0\0\0\0"
    except OSError:
        return False


def answers(uri: str, user: str, password: str, port: int) -> bool:
    """True when the server completes a handshake and, if the driver is at hand, a query.
    :class:`AuthFailed` when it refuses the credentials."""
    if not handshake(port):  # first, so that a silent listener cannot stall the driver
        return False
    if importlib.util.find_spec("neo4j") is None:
        return True
    import logging

    import neo4j
    from neo4j.exceptions import AuthError, DriverError, Neo4jError

    logging.getLogger("neo4j").propagate = False  # no connection-refused noise while polling
    try:
        with (
            neo4j.GraphDatabase.driver(
                uri,
                auth=(user, password),
                connection_timeout=3,
                connection_acquisition_timeout=10,  # default 60 s
            ) as driver,
            driver.session() as session,
        ):
            # An auto-commit query: no retry loop hiding how long we really wait.
            return session.run("RETURN 1 AS ok").single(strict=True)["ok"] == 1
    except AuthError as e:
        raise AuthFailed(str(e)) from e
    except (DriverError, Neo4jError, OSError):
        return False


def port_free(port: int) -> bool:
    """Whether 127.0.0.1:``port`` can be listened on."""
    with socket.socket() as s:
        # Like Netty: ignore TIME_WAIT leftovers of the previous run, fail only on a listener.
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True
