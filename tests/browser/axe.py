"""Page checks any browser test can call: axe-core, one h1, no sideways scrolling, logging in."""

import json
from functools import cache
from pathlib import Path

from playwright.sync_api import Page

from cop_site.accounts.models import User
from tests.conftest import PASSWORD, totp_code

ROOT = Path(__file__).resolve().parents[2]
AXE_PATH = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

RUN_AXE = """
async (options) => {
  const results = await axe.run(document, options);
  return results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    helpUrl: violation.helpUrl,
    nodes: violation.nodes.map((node) => ({
      target: node.target.join(" "),
      html: node.html,
      summary: node.failureSummary,
    })),
  }));
}
"""


@cache
def axe_source() -> str:
    if not AXE_PATH.exists():
        raise AssertionError(
            f"{AXE_PATH} is missing: run `npm ci` (part of `make install`) to install axe-core."
        )
    return AXE_PATH.read_text()


def format_violations(url: str, violations: list[dict]) -> str:
    lines = [f"{len(violations)} accessibility violation(s) on {url}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"    at {node['target']}: {node['html'][:200]}")
            for detail in (node["summary"] or "").splitlines():
                lines.append(f"      {detail}")
    return "\n".join(lines)


def assert_accessible(page: Page) -> None:
    """Fails with a readable list if axe-core finds any WCAG 2.2 AA violation on the page."""
    # evaluate() runs outside the page's Content-Security-Policy, which would block an
    # injected <script> tag without the nonce.
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    violations = page.evaluate(
        RUN_AXE, {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    )
    assert not violations, format_violations(page.url, violations)


def assert_no_horizontal_scroll(page: Page, width: int = 320) -> None:
    """At `width` CSS pixels wide (WCAG 1.4.10 reflow) nothing makes the page scroll sideways."""
    page.set_viewport_size({"width": width, "height": 800})
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    if scroll_width <= width:
        return
    too_wide = page.evaluate(
        """(width) => Array.from(document.querySelectorAll('body *'))
            .filter((el) => el.getBoundingClientRect().right > width + 1)
            .slice(0, 10)
            .map((el) => {
              const id = el.id ? '#' + el.id : '';
              const classes = el.classList.length ? '.' + [...el.classList].join('.') : '';
              return `${el.tagName.toLowerCase()}${id}${classes} (right edge at ` +
                `${Math.round(el.getBoundingClientRect().right)}px)`;
            })""",
        width,
    )
    raise AssertionError(
        f"{page.url} scrolls sideways at {width}px: scrollWidth is {scroll_width}px.\n"
        f"Elements reaching past the edge:\n" + json.dumps(too_wide, indent=2)
    )


def assert_one_h1(page: Page) -> None:
    headings = page.locator("h1").all_inner_texts()
    assert len(headings) == 1, f"{page.url} has {len(headings)} h1 elements: {headings}"


def check_page(page: Page) -> None:
    """One h1, no axe violations, and reflow at 320 px, where the narrow layout (the menu
    changes, for one) must be as accessible as the wide one. Leaves the page 320 px wide."""
    assert_one_h1(page)
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    assert_accessible(page)


def login(page: Page, user: User, password: str = PASSWORD) -> None:
    """Signs in through the real log-in form, answering the MFA step if the account has it."""
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(password)
    with page.expect_navigation():
        page.locator("input[name=password]").press("Enter")
    if "/accounts/2fa/authenticate/" in page.url:
        page.locator("input[name=code]").fill(totp_code(user))
        with page.expect_navigation():
            page.locator("input[name=code]").press("Enter")
    assert "/accounts/login/" not in page.url and "/2fa/authenticate/" not in page.url, (
        f"log-in as {user.email} did not complete; the page is {page.url}"
    )
