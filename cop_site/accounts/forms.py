from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Profile, ProfileField
from .regulators import Regulator, normalise_registration_number, registration_number_error
from .roles import SELF_SELECTED_ROLES, Role


class SignupExtraForm(forms.Form):
    """Fields added to allauth's sign-up form (allauth's form class inherits from this one)."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=80,
        help_text=_("How other members will see you. You can use a pseudonym."),
        error_messages={"required": _("Enter the name other members will see")},
    )
    role = forms.ChoiceField(
        label=_("I am joining as"),
        choices=[(role.value, role.label) for role in SELF_SELECTED_ROLES],
        widget=forms.RadioSelect,
        help_text=_("Educator and moderator roles are given by the site's admins."),
        error_messages={"required": _("Select what you are joining as")},
    )

    # allauth adds these fields after this form's __init__, so their messages are set here.
    ALLAUTH_REQUIRED_MESSAGES = {
        "email": _("Enter your email address"),
        "password1": _("Enter a password"),
        "password2": _("Enter the password again"),
    }

    def full_clean(self) -> None:
        for name, message in self.ALLAUTH_REQUIRED_MESSAGES.items():
            if name in self.fields:
                self.fields[name].error_messages["required"] = message
        super().full_clean()

    def signup(self, request, user) -> None:
        from .services import grant_role, profile_for, update_profile

        update_profile(profile_for(user), display_name=self.cleaned_data["display_name"])
        grant_role(user, self.cleaned_data["role"], reason="Chosen when signing up")


class ProfileForm(forms.ModelForm):
    """A member's own profile. Professional identity fields appear only for professionals."""

    shared_fields = forms.MultipleChoiceField(
        label=_("Show these to other members"),
        choices=ProfileField.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Your display name is always shown. Anything not ticked stays private."),
    )

    class Meta:
        model = Profile
        fields = [
            "display_name",
            "pronouns",
            "bio",
            "regulator",
            "registration_number",
            "qualifications",
            "employer",
            "shared_fields",
        ]
        labels = {"bio": _("About me")}
        help_texts = {
            "pronouns": _("For example she/her, he/him or they/them."),
            "bio": _("A few lines about your practice, interests or what brings you here."),
            "registration_number": _("As it appears on your regulator's public register."),
            "qualifications": _("For example BA (Hons) Social Work, 2019."),
        }
        widgets = {"bio": forms.Textarea(attrs={"rows": 6})}

    PROFESSIONAL_FIELDS = ("regulator", "registration_number", "qualifications", "employer")

    def __init__(self, *args, professional: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.professional = professional
        self.fields["display_name"].required = True
        if professional:
            self.fields["regulator"].choices = [
                ("", _("Choose your regulator")),
                *Regulator.choices,
            ]
        else:
            for name in self.PROFESSIONAL_FIELDS:
                del self.fields[name]
            self.fields["shared_fields"].choices = [
                (ProfileField.PRONOUNS, ProfileField.PRONOUNS.label),
                (ProfileField.BIO, ProfileField.BIO.label),
            ]

    def clean_registration_number(self) -> str:
        return normalise_registration_number(self.cleaned_data.get("registration_number", ""))

    def clean(self) -> dict:
        cleaned = super().clean()
        if not self.professional:
            return cleaned
        regulator = cleaned.get("regulator")
        number = cleaned.get("registration_number")
        if number and not regulator:
            self.add_error("regulator", _("Choose the regulator you are registered with."))
        elif regulator and not number:
            self.add_error("registration_number", _("Enter your registration number."))
        elif regulator and number:
            error = registration_number_error(regulator, number)
            if error:
                self.add_error("registration_number", error)
        return cleaned


class RoleForm(forms.Form):
    # Every member holds at least one role: it decides what they can do and how they appear.
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one role. Every member needs a role to use the site.")
        },
    )
    reason = forms.CharField(
        label=_("Reason for the change"),
        help_text=_("Kept in the audit log. The member can see it."),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
