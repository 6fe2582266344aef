"""The people pickers' search endpoint."""

from __future__ import annotations

import re

from django.http import Http404, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from mentora.accounts.decorators import member_required
from mentora.accounts.http import MemberRequest
from mentora.core.converters import MAX_ID
from mentora.core.people import get_people_source
from mentora.profiles.people import search_people, suggestion


@member_required
@require_GET
@never_cache  # names and addresses: no shared cache keeps them
def people_search(request: MemberRequest) -> JsonResponse:
    """Up to 20 people of a picker's source matching `q`, as JSON, in a constant number of
    queries. The source decides who the viewer may pick from (404/403 otherwise): members of
    the viewer's organisation, and partners' only where a programme's page offers them."""
    source = get_people_source(request.GET.get("source", ""))
    if source is None:
        raise Http404
    context = _context_id(request.GET.get("for"))
    members = source.members(request.membership, context)
    found, more = search_people(members, request.GET.get("q", ""))
    return JsonResponse(
        {
            "results": [suggestion(person, source.value_of(person)) for person in found],
            "more": more,
        }
    )


def _context_id(raw: str | None) -> int | None:
    """The optional context id (a programme…): a malformed one matches nothing."""
    if raw is None or raw == "":
        return None
    if not re.fullmatch(r"[0-9]{1,19}", raw) or int(raw) > MAX_ID:
        raise Http404
    return int(raw)
