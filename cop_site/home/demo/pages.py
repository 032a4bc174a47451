"""The demo's home page text and site pages (privacy notice, accessibility statement,
community guidelines), linked from the footer.

Pages that someone has since edited in the admin are left alone unless the run overwrites.
Page bodies are StreamField data in Wagtail's stored form: a list of blocks, each
``{"type": ..., "value": ...}``, with rich text as Wagtail's stored HTML.
"""

from __future__ import annotations

import copy
import datetime
from dataclasses import dataclass
from typing import Any

from wagtail.models import Page, Site

from cop_site.demo import DemoRun, build, default_home_page, read_data
from cop_site.home.models import HomePage, SiteChrome, StandardPage

PACKAGE = "cop_site.home.demo"
Block = dict[str, Any]


@dataclass(frozen=True)
class HomeText:
    intro: str
    body: list[Block]
    # The pages under the home page, by file name in pages/, in the order they are created.
    pages: list[str]


@dataclass(frozen=True)
class PageText:
    title: str
    slug: str
    intro: str
    body: list[Block]
    # The SiteChrome field of the footer link that points at this page.
    footer_link: str
    last_reviewed: datetime.date


def home_text() -> HomeText:
    return build(HomeText, read_data(PACKAGE, "home.toml"), where="home.toml")


def site_pages() -> list[PageText]:
    return [
        build(PageText, read_data(PACKAGE, f"pages/{name}.toml"), where=f"pages/{name}.toml")
        for name in home_text().pages
    ]


def stream_data(stream: Any) -> list[Block]:
    """A StreamField value as a list of {"type", "value"}, without block ids."""
    return [{"type": block["type"], "value": block["value"]} for block in stream.raw_data]


def load(run: DemoRun) -> None:
    home = default_home_page()
    text = home_text()
    publish(
        run, home, {"intro": text.intro, "body": text.body}, label=f"Home page ({home.url_path})"
    )
    pages = {page.footer_link: ensure_page(run, home, page) for page in site_pages()}
    link_footer(run, Site.objects.get(is_default_site=True), pages)


def edited_by_someone(page: Page) -> bool:
    """True when the latest revision was saved by a person, not by the demo loader."""
    revision = page.latest_revision
    return revision is not None and revision.user_id is not None


def publish(run: DemoRun, page: Page, fields: dict[str, Any], *, label: str) -> None:
    current = {
        name: stream_data(getattr(page, name)) if name == "body" else getattr(page, name)
        for name in fields
    }
    if current == fields:
        run.report(f"{label}: unchanged", changed=False)
        return
    if edited_by_someone(page) and not run.overwrite:
        run.warn(f"{label}: edited in the admin since; left as it is (--overwrite replaces)")
        return
    for name, value in fields.items():
        # Wagtail adds block ids to the stream data it is given; keep the texts pristine.
        setattr(page, name, copy.deepcopy(value))
    page.save_revision(log_action=True).publish()
    run.report(f"{label}: published", changed=True)


def ensure_page(run: DemoRun, home: HomePage, text: PageText) -> Page:
    fields = {
        "title": text.title,
        "intro": text.intro,
        "body": text.body,
        "last_reviewed": text.last_reviewed,
    }
    existing = home.get_children().filter(slug=text.slug).first()
    if existing is None:
        page = StandardPage(slug=text.slug, live=False, **copy.deepcopy(fields))
        home.add_child(instance=page)
        page.save_revision(log_action=True).publish()
        run.report(f"{text.title} (/{text.slug}/): created", changed=True)
        return page
    found = existing.specific
    if not isinstance(found, StandardPage):
        run.warn(f"/{text.slug}/ is already a {found.specific_class.__name__}; left alone")
        return found
    publish(run, found, fields, label=f"{text.title} (/{text.slug}/)")
    return found


def link_footer(run: DemoRun, site: Site, pages: dict[str, Page]) -> None:
    chrome = SiteChrome.for_site(site)
    changed = []
    for field_name, page in pages.items():
        current = getattr(chrome, f"{field_name}_id")
        if current == page.pk:
            continue
        if current is not None and not run.overwrite:
            run.warn(f"Footer link {field_name} points at another page; left as it is")
            continue
        setattr(chrome, field_name, page)
        changed.append(field_name)
    if changed:
        chrome.save(update_fields=changed)
    run.report(
        f"Footer links: {'set ' + ', '.join(changed) if changed else 'unchanged'}",
        changed=bool(changed),
    )
