"""Expected answers of the API token pages: everyone signed in manages their own tokens."""

from __future__ import annotations

from mentora.api.services import create_api_token
from tests.permissions.spec import Route, everyone


def _member_token(world):
    token, _secret = create_api_token(user=world.people["member"].user, name="Export")
    return [token.pk]


ROUTES = [
    # Tokens belong to a person, not to an organisation: the outsider lists their own.
    Route("api_tokens:list", expect=everyone(200, anonymous=302)),
    # The new token is shown once, on the page itself rather than after a redirect.
    Route(
        "api_tokens:list",
        label="create",
        method="post",
        data=lambda w: {"name": "Dashboard"},
        expect=everyone(200, anonymous=302),
    ),
    # Someone else's token does not exist, whatever one's role.
    Route(
        "api_tokens:revoke",
        args=_member_token,
        method="post",
        expect=everyone(404, anonymous=302, member=302),
    ),
]
