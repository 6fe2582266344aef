from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mentora.learning.models import MAX_UPLOAD_BYTES, Resource
from tests.factories import make_resource

CREATE = reverse("learning:resource_create")


def _data(**overrides):
    data = {"title": "Agreement template", "kind": "template", "audience": "all"}
    data["language"] = "en"
    return {**data, **overrides}


def test_a_member_may_not_add_a_resource(client, member):
    client.force_login(member.user)
    assert client.post(CREATE, _data()).status_code == 403
    assert not Resource.objects.exists()


def test_a_coordinator_adds_a_resource_with_topics(client, coordinator):
    client.force_login(coordinator.user)
    response = client.post(CREATE, _data(topic_names="Feedback, goals, feedback"))
    resource = Resource.objects.get()
    assert response.status_code == 302
    assert resource.organisation == coordinator.organisation
    assert sorted(t.name for t in resource.topics.all()) == ["Feedback", "goals"]


def test_another_organisations_resource_does_not_exist(client, outsider, organisation):
    resource = make_resource(organisation)
    client.force_login(outsider.user)
    assert client.get(resource.get_absolute_url()).status_code == 404


def test_a_file_of_an_unsafe_type_is_refused(client, coordinator):
    client.force_login(coordinator.user)
    upload = SimpleUploadedFile("page.html", b"<script>alert(1)</script>")
    response = client.post(CREATE, _data(file=upload))
    assert "Files of type “.html” are not accepted." in response.content.decode()
    assert not Resource.objects.exists()


def test_a_file_over_ten_megabytes_is_refused(client, coordinator):
    client.force_login(coordinator.user)
    upload = SimpleUploadedFile("big.pdf", b"0" * (MAX_UPLOAD_BYTES + 1))
    response = client.post(CREATE, _data(file=upload))
    assert "the limit is 10.0\xa0MB" in response.content.decode()
    assert not Resource.objects.exists()


def test_a_link_and_a_file_together_are_refused(client, coordinator):
    client.force_login(coordinator.user)
    upload = SimpleUploadedFile("guide.pdf", b"%PDF")
    response = client.post(CREATE, _data(file=upload, url="https://example.com/guide"))
    assert "Give a link or a file, not both." in response.content.decode()


def test_a_member_downloads_an_uploaded_file_as_an_attachment(client, coordinator, member):
    client.force_login(coordinator.user)
    client.post(CREATE, _data(file=SimpleUploadedFile("agreement.pdf", b"%PDF-1.4 hello")))
    resource = Resource.objects.get()
    client.force_login(member.user)
    response = client.get(reverse("learning:resource_download", args=[resource.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="agreement.pdf"'
    assert b"".join(response.streaming_content) == b"%PDF-1.4 hello"


def test_the_library_searches_titles_and_descriptions(client, member, organisation):
    make_resource(organisation, title="Feedback guide")
    make_resource(organisation, title="Agenda", description="For the first feedback session")
    make_resource(organisation, title="SMART worksheet")
    client.force_login(member.user)
    response = client.get(reverse("learning:resources"), {"q": "feedback"})
    titles = [r.title for r in response.context["page"].object_list]
    assert titles == ["Agenda", "Feedback guide"]


def test_the_library_filters_by_kind_language_and_audience(client, member, organisation):
    make_resource(organisation, title="Mentor template", kind="template", audience="mentor")
    make_resource(organisation, title="Shared template", kind="template", audience="all")
    make_resource(organisation, title="Mentee template", kind="template", audience="mentee")
    make_resource(organisation, title="Modèle", kind="template", language="fr")
    make_resource(organisation, title="A book", kind="book")
    client.force_login(member.user)
    filters = {"kind": "template", "language": "en", "audience": "mentor"}
    response = client.get(reverse("learning:resources"), filters)
    titles = [r.title for r in response.context["page"].object_list]
    assert titles == ["Mentor template", "Shared template"]


def test_an_empty_library_tells_a_member_whom_to_ask(client, member):
    client.force_login(member.user)
    response = client.get(reverse("learning:resources"))
    assert "Your coordinators have not added any resource yet." in response.content.decode()


def test_removing_a_resource_deletes_its_file(
    client, coordinator, django_capture_on_commit_callbacks
):
    client.force_login(coordinator.user)
    client.post(CREATE, _data(file=SimpleUploadedFile("agreement.pdf", b"%PDF")))
    resource = Resource.objects.get()
    storage, name = resource.file.storage, resource.file.name
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("learning:resource_delete", args=[resource.pk]))
    assert not Resource.objects.exists()
    assert not storage.exists(name)


def test_the_library_filters_by_topic(client, member, organisation):
    from mentora.learning.models import Topic

    feedback = Topic.objects.create(organisation=organisation, name="Feedback")
    tagged = make_resource(organisation, title="SBI guide")
    tagged.topics.add(feedback)
    make_resource(organisation, title="Agenda")
    client.force_login(member.user)
    response = client.get(reverse("learning:resources"), {"topic": feedback.pk})
    assert [r.title for r in response.context["page"].object_list] == ["SBI guide"]


def test_an_uploaded_file_is_found_and_offered_for_download(client, coordinator, member):
    client.force_login(coordinator.user)
    client.post(
        CREATE,
        _data(
            title="Mentoring agreement",
            description="Print it for the first meeting",
            file=SimpleUploadedFile("agreement.pdf", b"%PDF"),
        ),
    )
    resource = Resource.objects.get()
    client.force_login(member.user)
    listing = client.get(reverse("learning:resources"), {"q": "first meeting", "kind": "template"})
    assert list(listing.context["page"].object_list) == [resource]
    detail = client.get(resource.get_absolute_url()).content.decode()
    assert reverse("learning:resource_download", args=[resource.pk]) in detail


def test_the_library_opens_on_the_readers_language(client, member, organisation):
    make_resource(organisation, title="Feedback guide", language="en")
    make_resource(organisation, title="Guide du feedback", language="fr")
    client.force_login(member.user)
    response = client.get(reverse("learning:resources"))
    assert [r.title for r in response.context["page"].object_list] == ["Feedback guide"]
    everything = client.get(reverse("learning:resources"), {"language": ""})
    assert len(everything.context["page"].object_list) == 2


def test_the_topics_offered_are_those_of_the_readers_language(client, member, organisation):
    from mentora.learning.models import Topic

    make_resource(organisation, language="en").topics.add(
        Topic.objects.create(organisation=organisation, name="Agreement")
    )
    make_resource(organisation, language="fr").topics.add(
        Topic.objects.create(organisation=organisation, name="Accord")
    )
    client.force_login(member.user)
    page = client.get(reverse("learning:resources")).content.decode()
    assert ">Agreement</option>" in page and ">Accord</option>" not in page
