from __future__ import annotations

import io
from typing import Any, cast

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.core.files.base import ContentFile
from django.db import models
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

from mentora.accounts.audit import action_choices, audit_actors
from mentora.accounts.models import (
    Invitation,
    Membership,
    Organisation,
    OrganisationAgreementText,
    Role,
    User,
)


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.MEMBER)

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        members = Membership.objects.active().filter(
            organisation=self.organisation, user__email=email
        )
        if members.without_access().exists():
            raise forms.ValidationError(
                _(
                    "This person is already a member but cannot sign in yet: send them an "
                    "access link from the People page."
                )
            )
        if members.exists():
            raise forms.ValidationError(_("This person is already a member of the organisation."))
        return email


class AcceptInvitationForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password (again)"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, invitation: Invitation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.invitation = invitation

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            candidate = User(
                email=self.invitation.email,
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                password_validation.validate_password(first, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "language"]


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class MemberSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    role = forms.ChoiceField(
        label=_("Role"), required=False, choices=[("", _("All roles")), *Role.choices]
    )


class AuditFilterForm(forms.Form):
    person = forms.ModelChoiceField(
        label=_("Person"), required=False, queryset=User.objects.none(), empty_label=_("Anyone")
    )
    action = forms.ChoiceField(label=_("Action"), required=False)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        person = cast(forms.ModelChoiceField, self.fields["person"])
        person.queryset = audit_actors(organisation)
        cast(forms.ChoiceField, self.fields["action"]).choices = [
            ("", _("Any action")),
            *action_choices(organisation),
        ]

    def filters(self) -> dict[str, Any]:
        """The valid filters: one bad value (an old link, a typo) drops only itself."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if value not in (None, "") and name not in self.errors
        }


# A logo is a small picture shown in the page header: a few hundred kilobytes at most, any
# common raster format, stored re-encoded as a PNG no larger than LOGO_BOX.
LOGO_MAX_BYTES = 2 * 1024 * 1024
LOGO_MAX_PIXELS = 25_000_000
LOGO_FORMATS = {"PNG", "JPEG", "GIF", "WEBP"}
LOGO_BOX = (800, 200)


class OrganisationSettingsForm(forms.ModelForm):
    """What an org admin sets for the whole organisation, agreement wording included."""

    class Meta:
        model = Organisation
        fields = ["name", "logo", "default_language", "email_sender_name"]
        widgets = {
            "logo": forms.ClearableFileInput(
                attrs={"accept": "image/png,image/jpeg,image/gif,image/webp"}
            )
        }
        help_texts = {
            "logo": _("PNG, JPEG, GIF or WebP, up to 2 MB; shown in the page header."),
            "default_language": _(
                "The language of pages and e-mails for members who have not chosen theirs."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        texts = {t.language: t for t in self.instance.agreement_texts.all()}
        self.agreement_fields: dict[str, list[str]] = {}
        for language, _label in settings.LANGUAGES:
            names = []
            for section in OrganisationAgreementText.SECTIONS:
                name = f"agreement_{language}_{section}"
                model_field = cast(models.Field, OrganisationAgreementText._meta.get_field(section))
                field = model_field.formfield(required=False)
                assert field is not None
                if isinstance(field.widget, forms.Textarea):
                    field.widget.attrs["rows"] = 3
                existing = texts.get(language)
                field.initial = getattr(existing, section) if existing else ""
                self.fields[name] = field
                names.append(name)
            self.agreement_fields[language] = names

    def agreement_groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The agreement fields by language, for the template."""
        labels = dict(settings.LANGUAGES)
        return [
            (str(labels[language]), [self[name] for name in names])
            for language, names in self.agreement_fields.items()
        ]

    def clean_logo(self) -> Any:
        logo = self.cleaned_data.get("logo")
        image = getattr(logo, "image", None)
        if logo is None or image is None:  # unchanged (the stored file) or cleared (False)
            return logo
        if logo.size > LOGO_MAX_BYTES:
            raise forms.ValidationError(
                _("The logo is larger than %(size)s MB.")
                % {"size": LOGO_MAX_BYTES // (1024 * 1024)}
            )
        width, height = image.size
        if image.format not in LOGO_FORMATS or width * height > LOGO_MAX_PIXELS:
            raise forms.ValidationError(
                _("Upload a PNG, JPEG, GIF or WebP picture of reasonable dimensions.")
            )
        return _as_stored_logo(logo)

    def agreement_texts(self) -> dict[str, dict[str, str]]:
        """The agreement sections typed, by language."""
        return {
            language: {
                name.removeprefix(f"agreement_{language}_"): self.cleaned_data[name].strip()
                for name in names
            }
            for language, names in self.agreement_fields.items()
        }


def _as_stored_logo(upload: Any) -> ContentFile:
    """The picture redrawn as a PNG that fits the header: whatever else the uploaded file
    carried (metadata, a payload after the image data) is left behind."""
    upload.seek(0)
    with Image.open(upload) as opened:
        picture = ImageOps.exif_transpose(opened)
        picture.thumbnail(LOGO_BOX)
        if picture.mode not in ("RGB", "RGBA"):
            picture = picture.convert("RGBA")
        buffer = io.BytesIO()
        picture.save(buffer, "PNG", optimize=True)
    return ContentFile(buffer.getvalue(), name="logo.png")
