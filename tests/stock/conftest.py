from tests.web.conftest import web  # noqa: F401  the API test client, shared with the web tests
