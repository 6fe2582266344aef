from __future__ import annotations

from pathlib import PurePath
from typing import Any, cast

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from mentora.accounts.models import Organisation
from mentora.learning.models import (
    ALLOWED_EXTENSIONS,
    MAX_UPLOAD_BYTES,
    Audience,
    Resource,
    ResourceKind,
    Topic,
    TrainingModule,
    TrainingStep,
)

MAX_TOPICS = 8


class ResourceFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *ResourceKind.choices]
    )
    topic = forms.ModelChoiceField(
        label=_("Topic"), required=False, queryset=Topic.objects.none(), empty_label=_("All topics")
    )
    audience = forms.ChoiceField(
        label=_("For"), required=False, choices=[("", _("Everyone")), *Audience.choices[1:]]
    )
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=[("", _("All languages")), *settings.LANGUAGES]
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update(
            {"type": "search", "placeholder": _("Title or description")}
        )
        topics = Topic.objects.filter(organisation=organisation, resources__isnull=False)
        # Topics are words of one language: offer those of the resources listed.
        language = self.data.get("language") if self.is_bound else ""
        if language in dict(settings.LANGUAGES):
            topics = topics.filter(resources__language=language)
        cast(forms.ModelChoiceField, self.fields["topic"]).queryset = topics.distinct()


class ResourceForm(forms.ModelForm):
    topic_names = forms.CharField(
        label=_("Topics"),
        required=False,
        max_length=400,
        help_text=_("Separated by commas, e.g. “Feedback, Goals”. New topics are created."),
    )

    class Meta:
        model = Resource
        fields = ["title", "kind", "description", "url", "file", "audience", "language"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "url": _("A web page or video. Leave empty if you upload a file."),
            "description": _("What it is and when it helps. Line breaks are kept."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "Up to %(size)s; accepted: %(extensions)s. Members download it after signing in."
        ) % {"size": filesizeformat(MAX_UPLOAD_BYTES), "extensions": ", ".join(ALLOWED_EXTENSIONS)}
        self.fields["file"].widget.attrs["accept"] = ",".join(
            f".{extension}" for extension in ALLOWED_EXTENSIONS
        )
        if self.instance.pk:
            self.fields["topic_names"].initial = ", ".join(
                t.name for t in self.instance.topics.all()
            )

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if not isinstance(upload, UploadedFile):  # unchanged or cleared
            return upload
        extension = PurePath(upload.name or "").suffix.lower().lstrip(".")
        if extension not in ALLOWED_EXTENSIONS:
            raise forms.ValidationError(
                _("Files of type “.%(extension)s” are not accepted. Use one of: %(allowed)s.")
                % {"extension": extension or "?", "allowed": ", ".join(ALLOWED_EXTENSIONS)}
            )
        if (upload.size or 0) > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("This file weighs %(size)s; the limit is %(limit)s.")
                % {
                    "size": filesizeformat(upload.size or 0),
                    "limit": filesizeformat(MAX_UPLOAD_BYTES),
                }
            )
        return upload

    def clean_topic_names(self) -> list[str]:
        names: list[str] = []
        for raw in self.cleaned_data.get("topic_names", "").split(","):
            name = " ".join(raw.split())
            if not name:
                continue
            if len(name) > 60:
                raise forms.ValidationError(_("A topic has at most 60 characters."))
            if name.casefold() not in {n.casefold() for n in names}:
                names.append(name)
        if len(names) > MAX_TOPICS:
            raise forms.ValidationError(_("Give at most %(count)s topics.") % {"count": MAX_TOPICS})
        return names

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("url") and cleaned.get("file"):
            self.add_error("url", _("Give a link or a file, not both."))
        return cleaned


class ModuleForm(forms.ModelForm):
    class Meta:
        model = TrainingModule
        fields = ["title", "description", "audience", "language"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "description": _("What people learn and how long it takes, in two or three lines."),
        }


class StepForm(forms.ModelForm):
    options_text = forms.CharField(
        label=_("Answer options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One option per line, two to six options."),
    )
    correct_number = forms.IntegerField(
        label=_("Number of the right option"),
        required=False,
        min_value=1,
        max_value=6,
        help_text=_("1 for the first line, 2 for the second…"),
    )

    class Meta:
        model = TrainingStep
        fields = ["title", "body", "resource", "question", "explanation"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 10}),
            "explanation": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "body": _("Plain text; leave an empty line between paragraphs."),
            "resource": _("A library resource to read or watch at this step."),
            "question": _("Optional: a check-your-understanding question with one right answer."),
            "explanation": _("Shown once the question is answered right."),
        }

    def __init__(
        self,
        *args: Any,
        organisation: Organisation,
        module: TrainingModule | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        # A step links resources in its module's language (and keeps the one it links).
        resources = Resource.objects.filter(organisation=organisation)
        if module is not None:
            keep = Q(pk=self.instance.resource_id) if self.instance.resource_id else Q()
            resources = resources.filter(Q(language=module.language) | keep)
        cast(forms.ModelChoiceField, self.fields["resource"]).queryset = resources
        if module is not None:
            self.fields["resource"].widget.attrs["lang"] = module.language
        if self.instance.pk and self.instance.options:
            self.fields["options_text"].initial = "\n".join(self.instance.options)
            if self.instance.correct_option is not None:
                self.fields["correct_number"].initial = self.instance.correct_option + 1

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        question = (cleaned.get("question") or "").strip()
        options = [
            " ".join(line.split())
            for line in (cleaned.get("options_text") or "").splitlines()
            if line.strip()
        ]
        number = cleaned.get("correct_number")
        if not question:
            if options or number:
                self.add_error("question", _("Write the question these options answer."))
            cleaned["options"], cleaned["correct_option"] = [], None
            return cleaned
        if not 2 <= len(options) <= 6:
            self.add_error("options_text", _("Give between two and six options, one per line."))
        elif number is None:
            self.add_error("correct_number", _("Say which option is the right one."))
        elif number > len(options):
            self.add_error(
                "correct_number",
                _("There are only %(count)s options.") % {"count": len(options)},
            )
        cleaned["options"] = options
        cleaned["correct_option"] = number - 1 if number else None
        return cleaned

    def step_fields(self) -> dict[str, Any]:
        names = [*self.Meta.fields, "options", "correct_option"]
        return {name: self.cleaned_data[name] for name in names}


class AnswerForm(forms.Form):
    answer = forms.TypedChoiceField(
        label=_("Your answer"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose an answer.")},
    )

    def __init__(self, *args: Any, step: TrainingStep, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["answer"].label = step.question
        cast(forms.ChoiceField, self.fields["answer"]).choices = list(enumerate(step.options))


def resource_fields(form: ResourceForm) -> dict[str, Any]:
    """The cleaned fields a service sets, the file as Django's FileField expects it."""
    fields = {name: form.cleaned_data[name] for name in ResourceForm.Meta.fields}
    upload = fields.pop("file")
    if upload is False:  # "Clear" ticked
        fields["file"] = ""
    elif isinstance(upload, UploadedFile):
        fields["file"] = upload
    return fields
