"""Fixtures of the request tests (defined in tests/states/fixtures.py)."""

from tests.states.fixtures import mexican_request, private_files  # noqa: F401
from tests.states.implementation_fixtures import report_files  # noqa: F401
