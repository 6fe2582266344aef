"""The retrospective report (PDF): its content for coordinators and sponsors, in their language."""

from __future__ import annotations

import io

from django.urls import reverse
from pypdf import PdfReader

from mentora.analytics.models import Retrospective
from mentora.analytics.retrospective import report_file_name
from tests.analytics.comments import people, pulse_comment
from tests.factories import make_member


def _close(world):
    world.programme.status = "closing"
    world.programme.name = "Grow Together"
    world.programme.save()
    world.objectives["satisfaction"].title = "Participants are satisfied"
    world.objectives["satisfaction"].save()
    world.objectives["nps"].title = "Participants recommend it"
    world.objectives["nps"].save()


def _reader(world, role: str, language: str = "en"):
    reader = make_member(world.organisation, role=role, language=language)
    if role == "coordinator":
        world.programme.coordinators.add(reader.user)
    if role == "sponsor":
        world.programme.sponsors.add(reader.user)
    return reader


def _pdf(client, world, reader):
    client.force_login(reader.user)
    return client.get(reverse("analytics:retrospective_pdf", args=[world.programme.pk]))


def _text(response) -> str:
    pages = PdfReader(io.BytesIO(response.content)).pages
    return " ".join(page.extract_text() for page in pages).replace("\n", " ")


def test_the_report_is_a_pdf_named_after_the_programme(client, world):
    _close(world)
    response = _pdf(client, world, _reader(world, "coordinator"))
    assert response.content.startswith(b"%PDF")
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="retrospective-grow-together.pdf"' in response["Content-Disposition"]
    assert report_file_name(world.programme) == "retrospective-grow-together.pdf"


def test_the_coordinators_report_holds_objectives_figures_and_lessons(client, world):
    _close(world)
    Retrospective.objects.create(programme=world.programme, lessons="Start the pulses earlier.")
    text = _text(_pdf(client, world, _reader(world, "coordinator")))
    assert "Grow Together" in text
    assert "Participants are satisfied" in text and "Participants recommend it" in text
    assert "Achieved" in text and "Not reached, off track" in text
    # NPS 14 from 3 promoters, 2 passives, 2 detractors; satisfaction 3.9 from 7 answers.
    assert "Net Promoter Score 14" in text
    assert "Promoters 3" in text and "Detractors 2" in text
    assert "Satisfaction (1–5) 3.9" in text
    assert "Goal attainment 44.4%" in text
    assert "Start the pulses earlier." in text


def test_the_report_draws_its_charts_as_inline_svg(client, world, rf):
    from mentora.analytics.retrospective import report_html

    _close(world)
    request = rf.get("/")
    html = report_html(request, world.programme, anonymised=False)
    assert html.count("<svg") >= 3 and "<script" not in html


def test_the_sponsors_report_hides_every_figure_under_k(client, world):
    _close(world)
    text = _text(_pdf(client, world, _reader(world, "sponsor")))
    assert "Net Promoter Score 14" in text
    # Each NPS count rests on fewer than 5 people; so do the goals achieved.
    assert "Promoters Not enough answers" in text
    assert "Promoters 3" not in text
    assert "Goal attainment Not enough answers" in text


def test_the_sponsors_report_names_nobody(client, world):
    _close(world)
    text = _text(_pdf(client, world, _reader(world, "sponsor")))
    for person in world.people.values():
        assert person.user.last_name not in text or not person.user.last_name
        assert person.user.email not in text


def test_the_report_shows_themes_of_five_people_and_never_quotes(client, world):
    _close(world)
    mentorship = world.relationships["R1"]
    for person in people(world.programme, 5, "fr"):
        pulse_comment(mentorship, person, "Une écoute remarquable")
    for person in people(world.programme, 4, "en"):
        pulse_comment(mentorship, person, "My network grew")
    text = _text(_pdf(client, world, _reader(world, "sponsor")))
    assert "Listening 5 people" in text
    assert "Network" not in text
    assert "remarquable" not in text and "grew" not in text


def test_the_report_is_in_french_for_a_french_reader(client, world):
    _close(world)
    text = _text(_pdf(client, world, _reader(world, "coordinator", "fr")))
    assert "Rapport de bilan" in text
    assert "Satisfaction (1–5) 3,9" in text
    assert "Atteinte des objectifs 44,4\u202f%" in text
    assert "Non atteint, en retard" in text
    # Words about people, agreeing with their number.
    assert "Candidats 13" in text and "Acceptés 10" in text
    assert "relations clôturées 2" in text and "objectifs atteints 4" in text


def test_a_member_cannot_download_the_report(client, world):
    _close(world)
    assert _pdf(client, world, _reader(world, "member")).status_code == 403


def test_before_closing_the_report_sends_the_coordinator_to_the_retrospective(client, world):
    response = _pdf(client, world, _reader(world, "coordinator"))
    assert response.status_code == 302
    assert response["Location"] == reverse("analytics:retrospective", args=[world.programme.pk])
