from itertools import groupby

from wagtail import blocks

from cop_site.privacy import registry


class CalloutBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "help"
        template = "home/blocks/callout.html"


def notice_areas() -> list[tuple[str, list[registry.PersonalDataTable]]]:
    """The notice's rows grouped by area, in the registry's listed order (the account first)."""
    return [(area, list(rows)) for area, rows in groupby(registry.notice_rows(), lambda r: r.area)]


class PersonalDataBlock(blocks.StructBlock):
    """The privacy notice's account of what the site holds: every holding the apps' privacy
    providers declare, grouped by area, with why, on what basis, for how long and who sees it.

    It is built from the declarations each time it is shown, so the notice cannot drift from
    the code; editors choose only the heading above it. The areas come in the order their
    providers are `listed`: the account first, as everyone with an account has it.
    """

    heading = blocks.CharBlock(max_length=120, required=False)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["areas"] = notice_areas()
        return context

    class Meta:
        icon = "table"
        label = "What we hold (from the code)"
        template = "home/blocks/personal_data.html"


class CookiesBlock(blocks.StructBlock):
    """The cookies the site sets, from `registry.cookies()`: all strictly necessary, so the
    site asks for no consent and shows no banner."""

    heading = blocks.CharBlock(max_length=120, required=False)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["cookies"] = registry.cookies()
        return context

    class Meta:
        icon = "lock"
        label = "Cookies (from the code)"
        template = "home/blocks/cookies.html"


class ContentBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        max_length=120, template="home/blocks/heading.html", form_classname="title"
    )
    paragraph = blocks.RichTextBlock(
        features=["h3", "bold", "italic", "link", "ul", "ol", "document-link"],
        template="home/blocks/paragraph.html",
    )
    callout = CalloutBlock()
    personal_data = PersonalDataBlock()
    cookies = CookiesBlock()
