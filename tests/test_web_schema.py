"""schemathesis against the app's own OpenAPI description: no 500s, and every
answer matches what the description promises.

The app runs under uvicorn on 127.0.0.1 in a thread; examples are few per
operation to keep the run short (uploads go through the real pipeline).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import negative_data_rejection

from storyline.settings import Settings
from storyline.web.app import create_app
from tests.test_report_data import build_result
from tests.test_web_support import fill_store, serve

pytestmark = pytest.mark.slow


# The description does not depend on the store's content: take it from an app
# over an empty in-memory store, then test the served app against it.
schema = schemathesis.openapi.from_dict(create_app(":memory:").openapi())


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = fill_store(tmp_path_factory.mktemp("schema") / "store.db", build_result())
    with serve(create_app(db, Settings(max_input_bytes=20_000))) as url:
        yield url


@schema.parametrize()
@settings(max_examples=12, deadline=None, database=None, suppress_health_check=list(HealthCheck))
def test_api_answers_as_described(case: Any, base_url: str) -> None:
    excluded = []
    if case.method == "POST":
        # Any bytes are a file, and unknown form fields are ignored: what the
        # generator calls schema-violating uploads are ordinary ones here. The
        # pipeline reads them and reports what it could not use.
        excluded.append(negative_data_rejection)
    case.call_and_validate(base_url=base_url, excluded_checks=excluded)
