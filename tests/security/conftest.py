"""The integration tests' app settings (a real database on each backend, room in the rate limits)
for security tests that need no settings of their own."""

from tests.integration.conftest import settings  # noqa: F401
