"""The review's summary speaks to a coordinator: who has a pair, how good, what optimal means."""

from __future__ import annotations

import re

from mentora.matching.services.review import forbid_pair
from tests.factories import make_participant


def _review(client, programme, run, language="en"):
    user = programme.coordinators.get()
    user.language = language
    user.save(update_fields=["language"])
    return client.get(f"/matching/programmes/{programme.pk}/runs/{run.pk}/")


def _with_a_mentee_left_over(programme):
    # As senior as the mentors: the seniority rule leaves this mentee without a mentor.
    return make_participant(
        programme, "mentee", level=5, sought={"Python": 4}, first_name="Lea", last_name="Left"
    )


def test_it_says_how_many_mentees_have_a_mentor(client, scenario, run_now, coordinator):
    programme, _people = scenario
    run = run_now(programme)
    client.force_login(coordinator.user)
    html = _review(client, programme, run).content.decode()
    assert "3 of 3 mentees have a mentor (100%)" in html


def test_it_says_it_in_french_with_the_share_of_mentees(client, scenario, run_now, coordinator):
    programme, _people = scenario
    _with_a_mentee_left_over(programme)
    run = run_now(programme)
    client.force_login(coordinator.user)
    html = _review(client, programme, run, "fr").content.decode()
    assert "3 mentoré·es sur 4 ont un mentor (75 %)" in html


def test_it_rates_the_matches_on_a_scale_of_100_with_words_and_counts(
    client, scenario, run_now, coordinator
):
    programme, _people = scenario
    run = run_now(programme)
    client.force_login(coordinator.user)
    page = _review(client, programme, run)
    summary = page.context["summary"]
    # 8.75 and 8.5 (twice) out of the 10.5 the default weights allow.
    assert summary["quality"] == 82
    assert summary["bands"] == [("strong", 3), ("good", 0), ("weak", 0)]
    html = page.content.decode()
    assert "Average match quality: 82 / 100" in html
    assert "3 strong" in html


def test_it_explains_what_optimal_means_in_one_sentence(client, scenario, run_now, coordinator):
    programme, _people = scenario
    run = run_now(programme)
    client.force_login(coordinator.user)
    html = _review(client, programme, run).content.decode()
    assert "No other set of pairs respecting the rules scores higher." in html
    assert "certified optimal" not in html
    assert "total score" not in html.lower()


def test_it_no_longer_claims_the_optimum_once_pairs_are_changed_by_hand(
    client, scenario, run_now, coordinator
):
    programme, people = scenario
    run = run_now(programme)
    forbid_pair(proposal=run.proposals.get(mentee=people["py"]), actor=coordinator.user)
    client.force_login(coordinator.user)
    html = _review(client, programme, run).content.decode()
    assert "No other set of pairs respecting the rules scores higher." not in html
    assert "You changed pairs by hand" in html


def test_the_histogram_has_labelled_axes_and_a_table_of_its_figures(
    client, scenario, run_now, coordinator
):
    programme, _people = scenario
    run = run_now(programme)
    client.force_login(coordinator.user)
    html = _review(client, programme, run).content.decode()
    assert "Match quality (0 to 100)" in html
    assert "Number of pairs" in html
    table = html[html.index("<table", html.index("Match quality (0 to 100)")) :]
    assert re.search(r"80–90</th>\s*<td>3</td>", table)


def test_no_number_of_the_french_review_has_a_decimal_point(client, scenario, run_now, coordinator):
    from mentora.matching.models import MatchingSettings
    from mentora.matching.selectors.runs import default_parameters

    programme, _people = scenario
    MatchingSettings.objects.create(
        programme=programme, parameters={**default_parameters(programme), "objective": "stable"}
    )
    run = run_now(programme)
    run.stats = {**run.stats, "stable_score_gap": 0.0731}
    run.save()
    client.force_login(coordinator.user)
    html = _review(client, programme, run, "fr").content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    text = re.sub(r"<[^>]+>", " ", main)
    assert not re.findall(r"\d\.\d", text)
    assert "7,3 %" in text
