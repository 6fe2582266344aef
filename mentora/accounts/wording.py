"""django-allauth's English wording as our pages write it.

allauth writes its labels and titles in Title Case ("Remember Me", "Change Password").
Our catalogues take precedence over allauth's, so listing its message ids here (marked
for extraction, never called) lets both our catalogues say them in sentence case.
"""

from django.utils.translation import gettext_noop

ALLAUTH_MESSAGES = [
    gettext_noop("Remember Me"),
    gettext_noop("Change Password"),
    gettext_noop("Current Password"),
    gettext_noop("New Password"),
    gettext_noop("New Password (again)"),
    gettext_noop("Sign Out"),
    gettext_noop("Email Addresses"),
    gettext_noop("Make Primary"),
    gettext_noop("Re-send Verification"),
    gettext_noop("Add Email Address"),
    gettext_noop("Add Email"),
    gettext_noop("Password Reset"),
    gettext_noop("Reset My Password"),
    gettext_noop("Set Password"),
]
