"""The feedback API: what I have to answer, answering, refusals in words, and the results."""

from __future__ import annotations

import json

import pytest

from mentora.api.api import api
from mentora.api.services import create_api_token
from mentora.feedback.models import PulseAnswer, SessionFeedback
from mentora.feedback.services import answer_session_feedback
from tests.factories import make_held_meeting, make_pulse, meeting_invitations


def _headers(membership):
    _token, raw = create_api_token(user=membership.user, name="test")
    return {"Authorization": f"Bearer {raw}"}


def _post(client, membership, path, body):
    return client.post(
        path,
        data=json.dumps(body),
        content_type="application/json",
        headers=_headers(membership),
    )


@pytest.fixture
def held(pair):
    return make_held_meeting(pair[0])


def test_pending_lists_session_feedback_and_pulses(client, pair, held):
    mentorship, mentor, _mentee = pair
    pulse = make_pulse(mentorship, mentor)
    body = client.get("/api/v1/surveys/pending", headers=_headers(mentor)).json()
    assert body["count"] == 2
    kinds = {item["kind"]: item for item in body["items"]}
    assert kinds["session_feedback"]["meeting_id"] == held.pk
    assert kinds["session_feedback"]["answer_url"].endswith(f"/api/v1/meetings/{held.pk}/feedback")
    assert kinds["pulse"]["invitation_id"] == pulse.pk
    assert kinds["pulse"]["answer_url"].endswith(f"/api/v1/pulses/{pulse.pk}/answer")


def test_pending_never_lists_the_partners_requests(client, pair, held):
    mentorship, _mentor, mentee = pair
    make_pulse(mentorship, pair[1])
    items = client.get("/api/v1/surveys/pending", headers=_headers(mentee)).json()["items"]
    assert [item["kind"] for item in items] == ["session_feedback"]


def test_rating_a_meeting_creates_then_edits(client, pair, held):
    mentee = pair[2]
    path = f"/api/v1/meetings/{held.pk}/feedback"
    first = _post(client, mentee, path, {"rating": 4, "progress": 3})
    again = _post(client, mentee, path, {"rating": 5, "progress": 3, "replace": True})
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["rating"] == 5 and SessionFeedback.objects.count() == 1


def test_an_out_of_range_rating_is_refused_in_the_callers_language(client, pair, held):
    """Signed in through the browser session, the caller reads their saved language."""
    mentee = pair[2]
    mentee.user.language = "fr"
    mentee.user.save()
    client.force_login(mentee.user)
    response = client.post(
        f"/api/v1/meetings/{held.pk}/feedback",
        data=json.dumps({"rating": 9, "progress": 3}),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json() == {
        "detail": "Choisissez un nombre de 1 à 5.",
        "code": "scale",
        "field": "rating",
    }


def test_a_different_second_answer_is_a_conflict(client, pair, held):
    mentee = pair[2]
    path = f"/api/v1/meetings/{held.pk}/feedback"
    _post(client, mentee, path, {"rating": 4, "progress": 3})
    response = _post(client, mentee, path, {"rating": 1, "progress": 1})
    assert response.status_code == 409 and response.json()["code"] == "already_answered"
    assert SessionFeedback.objects.get().rating == 4


def test_rating_a_meeting_one_did_not_attend_is_not_found(client, pair, held, coordinator):
    response = _post(
        client, coordinator, f"/api/v1/meetings/{held.pk}/feedback", {"rating": 4, "progress": 3}
    )
    assert response.status_code == 404 and not SessionFeedback.objects.exists()


def test_answering_a_pulse(client, pair):
    mentorship, mentor, _mentee = pair
    pulse = make_pulse(mentorship, mentor)
    response = _post(
        client, mentor, f"/api/v1/pulses/{pulse.pk}/answer", {"quality": 2, "fit": "poor"}
    )
    assert response.status_code == 201 and response.json()["fit"] == "poor"


def test_the_partners_pulse_is_not_found(client, pair):
    mentorship, mentor, mentee = pair
    pulse = make_pulse(mentorship, mentor)
    response = _post(
        client, mentee, f"/api/v1/pulses/{pulse.pk}/answer", {"quality": 5, "fit": "good"}
    )
    assert response.status_code == 404 and not PulseAnswer.objects.exists()


def test_an_unknown_fit_is_refused(client, pair):
    mentorship, mentor, _mentee = pair
    pulse = make_pulse(mentorship, mentor)
    response = _post(
        client, mentor, f"/api/v1/pulses/{pulse.pk}/answer", {"quality": 3, "fit": "meh"}
    )
    assert response.status_code == 422 and response.json()["field"] == "fit"


def test_the_results_show_comments_without_names_unless_shared(client, pair, held, coordinator):
    mentee = pair[2]
    answer_session_feedback(
        invitation=meeting_invitations(held)[mentee.pk], rating=4, progress=3, comment="Quiet."
    )
    body = client.get(
        f"/api/v1/programmes/{pair[0].programme_id}/feedback", headers=_headers(coordinator)
    ).json()
    session = next(i for i in body["instruments"] if i["kind"] == "session_feedback")
    assert session["comments"] == [{"text": "Quiet.", "name": None, "on": None}]
    assert (session["invited"], session["answered"], session["response_rate"]) == (2, 1, 50)


def test_the_partner_reads_no_answer_through_the_api(client, pair, held):
    mentorship, mentor, mentee = pair
    answer_session_feedback(
        invitation=meeting_invitations(held)[mentee.pk], rating=1, progress=1, comment="Private."
    )
    headers = _headers(mentor)
    responses = [
        client.get("/api/v1/surveys/pending", headers=headers),
        client.get(f"/api/v1/programmes/{mentorship.programme_id}/feedback", headers=headers),
    ]
    assert all(b"Private." not in r.content for r in responses)
    assert responses[1].status_code == 403


def test_answer_operations_declare_their_refusals():
    paths = api.get_openapi_schema()["paths"]
    for path in ("/api/v1/meetings/{meeting_id}/feedback", "/api/v1/pulses/{invitation_id}/answer"):
        responses = paths[path]["post"]["responses"]
        assert {"200", "201", "401", "403", "404", "409", "422"} <= {str(c) for c in responses}
