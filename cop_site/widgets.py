"""Admin widgets adjusted for accessibility."""

from wagtail.admin.rich_text import DraftailRichTextArea


class LabelledDraftailRichTextArea(DraftailRichTextArea):
    """Wagtail's rich text editor, named by its field's label.

    The editor's text box is a `contenteditable` element that Draftail creates, so the
    label's `for` (which points at a hidden input) does not name it; Draftail's
    `ariaLabelledBy` option does. Wagtail gives a field's label the id "<field id>-label".
    """

    def get_context(self, name, value, attrs):
        field_id = (attrs or {}).get("id") or self.attrs.get("id")
        if not field_id:
            return super().get_context(name, value, attrs)
        shared = self.options
        self.options = {**shared, "ariaLabelledBy": f"{field_id}-label"}
        try:
            return super().get_context(name, value, attrs)
        finally:
            self.options = shared
