from __future__ import annotations

from django.urls import reverse

from mentora.mentorships.models import AgreementTemplate, Stage
from mentora.mentorships.selectors import agreement_is_signed
from mentora.mentorships.services.agreement import (
    save_agreement_template,
    sign_agreement,
    update_agreement,
)
from tests.factories import make_pair, sign_by_all


def test_signing_by_one_member_is_not_enough(programme):
    mentorship, mentor, _mentee = make_pair(programme)
    sign_agreement(
        agreement=mentorship.agreement, participant=mentorship.participants.get(membership=mentor)
    )
    mentorship.refresh_from_db()
    assert mentorship.stage == Stage.ESTABLISH


def test_signing_by_every_member_moves_out_of_establish(programme):
    mentorship, _mentor, _mentee = make_pair(programme)
    sign_by_all(mentorship)
    mentorship.refresh_from_db()
    assert mentorship.stage == Stage.TRUST


def test_a_change_after_signing_asks_for_signatures_again(programme):
    mentorship, mentor, _mentee = make_pair(programme)
    sign_by_all(mentorship)
    agreement = update_agreement(
        agreement=mentorship.agreement, actor=mentor.user, duration="Six months"
    )
    assert agreement.version == 2
    assert not agreement_is_signed(agreement)


def test_the_history_keeps_every_version_and_its_signatures(programme):
    mentorship, mentor, _mentee = make_pair(programme)
    sign_by_all(mentorship)
    update_agreement(agreement=mentorship.agreement, actor=mentor.user, duration="1y")
    agreement = mentorship.agreement
    assert list(agreement.revisions.values_list("version", flat=True)) == [2, 1]
    assert agreement.revisions.get(version=1).content["duration"] != "1y"
    assert agreement.signatures.filter(version=1).count() == 2


def test_saving_unchanged_text_keeps_the_version(programme):
    mentorship, mentor, _mentee = make_pair(programme)
    agreement = mentorship.agreement
    update_agreement(agreement=agreement, actor=mentor.user, **agreement.content())
    agreement.refresh_from_db()
    assert agreement.version == 1


def test_a_signature_on_a_stale_version_is_refused(client, programme):
    mentorship, mentor, _mentee = make_pair(programme)
    update_agreement(agreement=mentorship.agreement, actor=mentor.user, duration="x")
    client.force_login(mentor.user)
    client.post(reverse("mentorships:agreement_sign", args=[mentorship.pk]), {"version": "1"})
    assert not mentorship.agreement.signatures.exists()


def test_a_member_signs_from_the_agreement_page(client, programme):
    mentorship, mentor, _mentee = make_pair(programme)
    client.force_login(mentor.user)
    client.post(reverse("mentorships:agreement_sign", args=[mentorship.pk]), {"version": "1"})
    assert mentorship.agreement.signatures.get().participant.membership == mentor


def test_a_coordinator_sets_the_programme_agreement_template(client, programme, coordinator):
    client.force_login(coordinator.user)
    url = reverse("mentorships:agreement_template", args=[programme.pk])
    draft = client.get(url).context["form"].initial
    client.post(url, {**draft, "boundaries": "No talk about pay."})
    assert AgreementTemplate.objects.get(programme=programme).boundaries == "No talk about pay."


def test_new_relationships_start_from_the_programme_template(programme, coordinator):
    save_agreement_template(
        programme=programme,
        actor=coordinator.user,
        boundaries="No talk about pay.",
        duration="Nine months",
    )
    mentorship, _mentor, _mentee = make_pair(programme)
    agreement = mentorship.agreement
    assert (agreement.boundaries, agreement.duration) == ("No talk about pay.", "Nine months")


def test_either_member_edits_the_agreement_and_the_page_keeps_its_history(client, programme):
    mentorship, _mentor, mentee = make_pair(programme)
    sign_by_all(mentorship)
    client.force_login(mentee.user)
    content = {**mentorship.agreement.content(), "meeting_channel": "Video call on Tuesdays"}
    client.post(reverse("mentorships:agreement_edit", args=[mentorship.pk]), content)
    agreement = mentorship.agreement
    agreement.refresh_from_db()
    assert (agreement.version, agreement.meeting_channel) == (2, "Video call on Tuesdays")
    assert agreement.revisions.get(version=2).edited_by == mentee.user
    page = client.get(reverse("mentorships:agreement", args=[mentorship.pk])).content.decode()
    assert "Sign version 2" in page
    assert page.count("signed by") == 2  # both signatures of version 1, kept in the history
