"""Editing the about part of a profile, languages and weekly availability."""

from __future__ import annotations

from django.urls import reverse

from mentora.accounts.models import Site
from mentora.profiles.models import Profile
from tests.factories import make_profile


def _languages(*rows, delete=()):
    data = {
        "languages-TOTAL_FORMS": str(len(rows)),
        "languages-INITIAL_FORMS": "0",
        "languages-MIN_NUM_FORMS": "0",
        "languages-MAX_NUM_FORMS": "1000",
    }
    for i, (code, level) in enumerate(rows):
        data[f"languages-{i}-code"] = code
        data[f"languages-{i}-level"] = level
        if i in delete:
            data[f"languages-{i}-DELETE"] = "on"
    return data


def test_profile_is_created_on_first_visit_in_the_sites_time_zone(client, member):
    member.site = Site.objects.create(
        organisation=member.organisation, name="Montréal", time_zone="America/Toronto"
    )
    member.save()
    client.force_login(member.user)
    assert client.get(reverse("profiles:mine")).status_code == 200
    assert Profile.objects.get(membership=member).time_zone == "America/Toronto"


def test_member_saves_experience_time_zone_bio_and_goals(client, member):
    client.force_login(member.user)
    response = client.post(
        reverse("profiles:edit_about"),
        {
            "years_of_experience": "7",
            "time_zone": "Europe/Madrid",
            "bio": "  Data analyst.  ",
            "career_goals": "Lead a team.",
        },
    )
    assert response.status_code == 302
    profile = Profile.objects.get(membership=member)
    assert (profile.years_of_experience, profile.time_zone) == (7, "Europe/Madrid")
    assert (profile.bio, profile.career_goals) == ("Data analyst.", "Lead a team.")


def test_unknown_time_zone_is_refused(client, member):
    make_profile(member)
    client.force_login(member.user)
    response = client.post(
        reverse("profiles:edit_about"), {"time_zone": "Mars/Olympus", "years_of_experience": "1"}
    )
    assert "Select a valid choice" in response.content.decode()
    assert Profile.objects.get(membership=member).time_zone == "Europe/Paris"


def test_negative_experience_is_refused(client, member):
    client.force_login(member.user)
    response = client.post(
        reverse("profiles:edit_about"), {"time_zone": "Europe/Paris", "years_of_experience": "-2"}
    )
    assert response.status_code == 200
    assert Profile.objects.get(membership=member).years_of_experience is None


def test_member_saves_languages_with_levels(client, member):
    client.force_login(member.user)
    response = client.post(
        reverse("profiles:edit_languages"), _languages(("fr", "native"), ("es", "basic"))
    )
    assert response.status_code == 302
    assert Profile.objects.get(membership=member).languages == [
        {"code": "fr", "level": "native"},
        {"code": "es", "level": "basic"},
    ]


def test_duplicate_language_is_refused(client, member):
    make_profile(member, languages=[{"code": "fr", "level": "native"}])
    client.force_login(member.user)
    response = client.post(
        reverse("profiles:edit_languages"), _languages(("en", "fluent"), ("en", "basic"))
    )
    assert "You listed English twice: keep it once." in response.content.decode()
    assert Profile.objects.get(membership=member).languages == [{"code": "fr", "level": "native"}]


def test_at_least_one_language_is_required(client, member):
    make_profile(member, languages=[{"code": "fr", "level": "native"}])
    client.force_login(member.user)
    response = client.post(
        reverse("profiles:edit_languages"), _languages(("fr", "native"), delete={0})
    )
    assert "Add at least one language." in response.content.decode()
    assert Profile.objects.get(membership=member).languages == [{"code": "fr", "level": "native"}]


def test_unknown_language_level_is_refused(client, member):
    client.force_login(member.user)
    response = client.post(reverse("profiles:edit_languages"), _languages(("fr", "perfect")))
    assert "Select a valid choice" in response.content.decode()


def test_removing_one_language_keeps_the_others(client, member):
    make_profile(member)
    client.force_login(member.user)
    client.post(
        reverse("profiles:edit_languages"),
        _languages(("fr", "native"), ("de", "basic"), delete={1}),
    )
    assert Profile.objects.get(membership=member).languages == [{"code": "fr", "level": "native"}]


def test_member_saves_half_days_including_evenings(client, member):
    client.force_login(member.user)
    response = client.post(
        reverse("profiles:edit_availability"), {"slots": ["tue_ev", "mon_am", "fri_pm"]}
    )
    assert response.status_code == 302
    assert Profile.objects.get(membership=member).availability == ["mon_am", "tue_ev", "fri_pm"]


def test_unknown_time_slot_is_refused(client, member):
    make_profile(member, availability=["mon_am"])
    client.force_login(member.user)
    response = client.post(reverse("profiles:edit_availability"), {"slots": ["sun_am"]})
    assert "Unknown time slot." in response.content.decode()
    assert Profile.objects.get(membership=member).availability == ["mon_am"]
