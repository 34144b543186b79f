"""docker-compose.yml, checked without Docker against the promises docs/deploy.md makes: it
matches the Compose Specification, refuses to start without its secrets, starts the API and the
loader only after a healthy, sized Neo4j, publishes ports on loopback only and reads nothing
anonymously (the file is read through tests/support/compose.py)."""

from __future__ import annotations

import re

import pytest

from tests.support import ROOT
from tests.support.compose import (
    REQUIRED_ENV,
    InterpolationError,
    collect,
    compose,
    compose_schema,
    host_ip,
    interpolate_tree,
    raw_compose,
    referenced_variables,
    schema_errors,
    service,
)


def test_compose_file_parses_without_duplicate_keys() -> None:
    assert isinstance(raw_compose().get("services"), dict)


def test_compose_file_interpolates() -> None:
    assert interpolate_tree(raw_compose(), REQUIRED_ENV) is not None


def test_vendored_schema_is_draft_2020_12() -> None:
    assert compose_schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_compose_file_matches_the_compose_specification() -> None:
    assert schema_errors(compose()) == []


def test_schema_check_rejects_an_unknown_service_key() -> None:
    broken = compose()
    broken["services"]["api"]["healthchek"] = {"test": ["CMD", "true"]}
    assert any("healthchek" in error for error in schema_errors(broken))


def test_schema_check_rejects_a_wrongly_typed_value() -> None:
    broken = compose()
    broken["services"]["neo4j"]["ports"] = "127.0.0.1:7687:7687"
    assert any(error.startswith("services/neo4j/ports") for error in schema_errors(broken))


@pytest.mark.parametrize("name", sorted(REQUIRED_ENV))
def test_compose_refuses_to_start_without_a_required_secret(name: str) -> None:
    env = {key: value for key, value in REQUIRED_ENV.items() if key != name}
    with pytest.raises(InterpolationError, match=f"required variable {name}"):
        interpolate_tree(raw_compose(), env)


def test_required_variables_are_exactly_the_secrets() -> None:
    required = {
        name
        for name, operators in referenced_variables(raw_compose()).items()
        if operators & {":?", "?"}
    }
    assert required == set(REQUIRED_ENV)


# --- neo4j ------------------------------------------------------------------------------------


def test_neo4j_image_is_pinned_to_the_5_26_lts() -> None:
    assert re.fullmatch(r"neo4j:5\.26(\.\d+)?-community", service("neo4j")["image"])


def test_neo4j_auth_uses_the_required_password() -> None:
    auth = raw_compose()["services"]["neo4j"]["environment"]["NEO4J_AUTH"]
    assert auth.startswith("neo4j/${NEO4J_PASSWORD:?")


def test_neo4j_auth_interpolates_to_the_password() -> None:
    auth = service("neo4j")["environment"]["NEO4J_AUTH"]
    assert auth == f"neo4j/{REQUIRED_ENV['NEO4J_PASSWORD']}"


@pytest.mark.parametrize(
    "setting",
    [
        "NEO4J_server_memory_pagecache_size",
        "NEO4J_server_memory_heap_initial__size",
        "NEO4J_server_memory_heap_max__size",
    ],
)
def test_neo4j_memory_is_sized(setting: str) -> None:
    assert re.fullmatch(r"\d+[kKmMgG]", service("neo4j")["environment"].get(setting, ""))


def test_neo4j_memory_follows_the_env_file() -> None:
    environment = service("neo4j", NEO4J_PAGECACHE="4G", NEO4J_HEAP="2G")["environment"]
    assert (
        environment["NEO4J_server_memory_pagecache_size"],
        environment["NEO4J_server_memory_heap_initial__size"],
        environment["NEO4J_server_memory_heap_max__size"],
    ) == ("4G", "2G", "2G")


def test_neo4j_healthcheck_runs_cypher_shell() -> None:
    test = service("neo4j")["healthcheck"]["test"]
    assert test[0] == "CMD-SHELL" and "cypher-shell" in test[1] and "RETURN 1" in test[1]


def test_neo4j_healthcheck_reads_its_variable_from_the_container() -> None:
    # `$${X}` in the file reaches the container's shell as `${X}`; X must be set in there.
    command = service("neo4j")["healthcheck"]["test"][1]
    names = set(re.findall(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)", command))
    assert names and names <= set(service("neo4j")["environment"])


@pytest.mark.parametrize("option", ["interval", "timeout", "retries", "start_period"])
def test_neo4j_healthcheck_timing_is_set(option: str) -> None:
    assert option in service("neo4j")["healthcheck"]


def test_neo4j_keeps_data_and_logs_on_named_volumes() -> None:
    mounts = dict(reversed(volume.split(":")[:2]) for volume in service("neo4j")["volumes"])
    assert {mounts.get("/data"), mounts.get("/logs")} <= set(compose()["volumes"])


# --- api and loader ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["api", "loader"])
def test_waits_for_a_healthy_neo4j(name: str) -> None:
    assert service(name)["depends_on"] == {"neo4j": {"condition": "service_healthy"}}


@pytest.mark.parametrize("name", ["api", "loader"])
def test_connects_to_the_neo4j_service(name: str) -> None:
    environment = service(name)["environment"]
    assert (environment["NEO4J_URI"], environment["NEO4J_USER"]) == ("bolt://neo4j:7687", "neo4j")


@pytest.mark.parametrize("name", ["api", "loader"])
def test_uses_the_required_neo4j_password(name: str) -> None:
    password = raw_compose()["services"][name]["environment"]["NEO4J_PASSWORD"]
    assert password.startswith("${NEO4J_PASSWORD:?")


def test_api_keys_are_required() -> None:
    keys = raw_compose()["services"]["api"]["environment"]["CHAINATLAS_API_KEYS"]
    assert keys.startswith("${CHAINATLAS_API_KEYS:?")


def test_api_anonymous_read_is_off() -> None:
    assert service("api")["environment"]["CHAINATLAS_ANONYMOUS_READ"] == "false"


def test_api_runs_several_workers() -> None:
    command = service("api")["command"]
    assert command[:2] == ["chainatlas", "serve"] and command[-2:] == ["--workers", "2"]


def test_api_is_built_from_this_repository() -> None:
    assert service("api")["build"] == "." and (ROOT / "Dockerfile").is_file()


@pytest.mark.parametrize("name", ["neo4j", "api"])
def test_long_running_services_restart(name: str) -> None:
    assert service(name)["restart"] in {"always", "unless-stopped"}


def test_loader_only_runs_under_the_load_profile() -> None:
    assert service("loader")["profiles"] == ["load"]


def test_loader_loads_the_mounted_bundle() -> None:
    assert service("loader")["command"] == ["chainatlas", "load", "/bundle"]


def test_loader_mounts_the_demo_bundle_read_only_by_default() -> None:
    (mount,) = service("loader")["volumes"]
    assert (mount["source"], mount["target"], mount["read_only"]) == (
        "./data/demo",
        "/bundle",
        True,
    )


def test_loader_default_bundle_exists() -> None:
    assert (ROOT / service("loader")["volumes"][0]["source"]).is_dir()


def test_loader_bundle_follows_the_env_file() -> None:
    assert service("loader", BUNDLE_DIR="/srv/bundle")["volumes"][0]["source"] == "/srv/bundle"


def test_named_volumes_are_declared() -> None:
    document = compose()
    used = {
        volume.split(":")[0]
        for definition in document["services"].values()
        for volume in definition.get("volumes", [])
        if isinstance(volume, str) and not volume.startswith((".", "/", "~"))
    }
    assert used <= set(document.get("volumes") or {})


# --- published ports --------------------------------------------------------------------------


@pytest.mark.parametrize("name", collect(lambda: raw_compose()["services"]))
def test_published_ports_bind_to_loopback_by_default(name: str) -> None:
    ports = service(name).get("ports", [])
    assert [host_ip(port) for port in ports] == ["127.0.0.1"] * len(ports)


def test_api_port_follows_the_env_file() -> None:
    assert service("api", CHAINATLAS_PORT="9000")["ports"] == ["127.0.0.1:9000:8000"]


def test_api_address_can_be_opened_deliberately() -> None:
    ports = service("api", CHAINATLAS_BIND_ADDRESS="0.0.0.0")["ports"]
    assert [host_ip(port) for port in ports] == ["0.0.0.0"]


def test_opening_the_api_leaves_neo4j_ports_alone() -> None:
    opened = service("neo4j", CHAINATLAS_BIND_ADDRESS="0.0.0.0")["ports"]
    assert opened == service("neo4j")["ports"]


@pytest.mark.parametrize(
    ("setting", "unit"),
    [("NEO4J_db_transaction_timeout", r"s|m"), ("NEO4J_db_memory_transaction_max", r"[kKmMgG]")],
)
def test_neo4j_bounds_every_transaction(setting: str, unit: str) -> None:
    value = service("neo4j")["environment"].get(setting, "")
    assert re.fullmatch(rf"[1-9]\d*({unit})", value), value  # 0 would mean no limit


def test_neo4j_transaction_limits_follow_the_env_file() -> None:
    environment = service("neo4j", NEO4J_TX_TIMEOUT="300s", NEO4J_TX_MEMORY="2g")["environment"]
    assert environment["NEO4J_db_transaction_timeout"] == "300s"
    assert environment["NEO4J_db_memory_transaction_max"] == "2g"


def test_api_answers_only_to_its_host_names_and_signs_sessions() -> None:
    environment = service("api")["environment"]
    assert environment["CHAINATLAS_ALLOWED_HOSTS"] == "localhost,127.0.0.1"
    assert "CHAINATLAS_SESSION_SECRET" in environment
