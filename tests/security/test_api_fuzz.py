"""schemathesis against /api/v1/openapi.json with a real token on the demo database: for every operation a
bounded number of generated requests (valid by the schema, derandomized so CI repeats the same ones); no answer
is a 5xx and every answer matches what the schema says for its status (body and content type)."""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from ronghe.config.wsgi import application
from ronghe.core.services import api_token_create

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("RONGHE_FUZZ_EXAMPLES", "4"))
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


def _runner(operation, headers, calls):
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def run(case):
        calls[0] += 1
        response = case.call(headers=headers)
        # a documented method refused: another route with a {parameter} took the path
        assert response.status_code != 405, f"{operation.label} answered 405: shadowed by another route"
        case.validate_response(response, checks=CHECKS, headers=headers)

    return run


@pytest.fixture
def keep_connection():
    """schemathesis calls the WSGI application directly: keep Django from closing the test's connection at the
    end of each request (its own test client does the same)."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def test_every_operation_answers_without_5xx_and_as_documented(users, keep_connection):
    _t, secret = api_token_create(user=users["admin"], name="fuzz")
    headers = {"Authorization": f"Bearer {secret}"}
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application, headers=headers)
    failures, operations, calls = [], 0, [0]
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1

        run = _runner(operation, headers, calls)
        try:
            run()
        except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001 — gathered, reported together
            failures.append(f"{operation.label}: {str(exc)[:1500]}")
            print("FAILED", operation.label)
    print(f"{operations} operations, {calls[0]} requests")
    assert operations > 100
    assert not failures, "\n\n".join(failures)


def test_schema_names_are_unique_so_the_document_describes_each_answer():
    """ninja names a component after its class: two `LineOut`s in two modules and one of them is documented
    with the other's fields (found by the fuzzing above)."""
    import collections

    from ninja import Schema

    from ronghe.config.api import api

    api.get_openapi_schema()

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    modules = collections.defaultdict(set)
    for cls in subclasses(Schema):
        if cls.__module__.startswith("ronghe."):
            modules[cls.__name__].add(cls.__module__)
    assert {name: sorted(m) for name, m in modules.items() if len(m) > 1} == {}
