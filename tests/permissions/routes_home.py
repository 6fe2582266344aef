"""Expected answers of the home routes: the root sends on, the dashboard is for members."""

from __future__ import annotations

from tests.permissions.spec import Route, everyone

ROUTES = [
    # Signed in: to the dashboard; anonymous: to the sign-in page.
    Route("home:root", expect=everyone(302)),
    Route("home:home", expect=everyone(200, anonymous=302)),
]
