"""Forms of the privacy pages: erasing your own account, and a site admin erasing one."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .erasure import REASON_MAX_LENGTH

KEEP = "keep"
DELETE = "delete"


class EraseAccountForm(forms.Form):
    """The person's own erasure: what happens to what they wrote for others, and a
    confirmation that they understand it cannot be undone."""

    shared = forms.ChoiceField(
        label=_("What you wrote for others"),
        help_text=_(
            "Usefulness ratings and their comments, credibility appraisals, and comments on "
            "pages in the admin. Your private data is deleted whichever you choose."
        ),
        choices=[
            (KEEP, _("Keep what I wrote for others, shown as by “Former member”")),
            (DELETE, _("Delete what I wrote for others too")),
        ],
        widget=forms.RadioSelect,
        # Django's own message repeats what was sent, which can be anything, of any length.
        error_messages={
            "required": _("Select what happens to what you wrote for others"),
            "invalid_choice": _("Select one of the choices for what you wrote for others"),
        },
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account will be erased and that this cannot be undone"),
        error_messages={
            "required": _("Confirm that you understand your account will be erased for good")
        },
    )

    @property
    def delete_shared(self) -> bool:
        return self.cleaned_data.get("shared") == DELETE


class EraseMemberForm(EraseAccountForm):
    """A site admin's erasure of a member's account, at the member's request: the same
    choices, as the member asked, and the reason, which goes to the audit log."""

    reason = forms.CharField(
        label=_("Reason"),
        help_text=_(
            "For example, when and how the member asked. Kept in the audit log. Do not "
            "include the member's name or email address: they are removed from the log."
        ),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Enter the reason for erasing this account")},
    )
    field_order = ["reason", "shared", "confirm"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["shared"].label = _("What the member wrote for others")
        self.fields["shared"].help_text = _(
            "As the member asked. Their private data is deleted whichever you choose."
        )
        self.fields["shared"].choices = [
            (KEEP, _("Keep it, shown as by “Former member”")),
            (DELETE, _("Delete it too")),
        ]
        self.fields["shared"].error_messages["required"] = _(
            "Select what happens to what the member wrote for others"
        )
        self.fields["shared"].error_messages["invalid_choice"] = _(
            "Select one of the choices for what the member wrote for others"
        )
        self.fields["confirm"].label = _(
            "I understand that this account will be erased and that this cannot be undone"
        )
        self.fields["confirm"].error_messages["required"] = _(
            "Confirm that you understand this account will be erased for good"
        )
