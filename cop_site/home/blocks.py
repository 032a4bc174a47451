from wagtail import blocks


class CalloutBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "help"
        template = "home/blocks/callout.html"


class ContentBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        max_length=120, template="home/blocks/heading.html", form_classname="title"
    )
    paragraph = blocks.RichTextBlock(
        features=["h3", "bold", "italic", "link", "ul", "ol", "document-link"],
        template="home/blocks/paragraph.html",
    )
    callout = CalloutBlock()
