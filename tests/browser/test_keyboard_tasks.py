"""The core tasks done with the keyboard alone, and every focused control visibly focused.

Each step moves with Tab (and the arrow keys inside a group of radios), as someone who
cannot use a mouse would; nothing is clicked. Going to a page's address is allowed, as
typing it into the address bar is. At each stop the focused element must show a focus
indicator: an outline or a box shadow, as GOV.UK Frontend's focus styles draw them.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from resources.models import LearnerAppraisal, Rating
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

MAX_TABS = 120
CRITERIA = [
    "transparency",
    "accuracy",
    "purposivity",
    "utility",
    "propriety",
    "accessibility",
    "specificity",
]

FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow && style.boxShadow !== 'none';
  const label = el.labels && el.labels.length ? el.labels[0].innerText : '';
  return {
    visible: Boolean(outline || shadow),
    tag: el.tagName.toLowerCase(),
    text: (el.innerText || el.value || '').trim(),
    label: label.trim(),
    name: el.getAttribute('name') || '',
    aria: el.getAttribute('aria-label') || '',
  };
}"""


def focused(page: Page) -> dict | None:
    return page.evaluate(FOCUS_STATE)


def tab_to(page: Page, pattern: str) -> dict:
    """Presses Tab until the focused control's text or label matches `pattern`, checking
    that each control passed on the way shows where the focus is."""
    wanted = re.compile(pattern, re.I)
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        state = focused(page)
        if state is None:
            continue
        assert state["visible"], f"no visible focus on {state} at {page.url}"
        if any(wanted.search(state[key]) for key in ("text", "label", "aria", "name")):
            return state
    raise AssertionError(f"Tab never reached {pattern!r} on {page.url}")


def sign_in(page: Page, email: str) -> None:
    page.goto("/accounts/login/")
    tab_to(page, "^email")
    page.keyboard.type(email)
    tab_to(page, "^password")
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_sign_in_search_and_save_the_search_by_keyboard(page, student, search_resources):
    sign_in(page, student.email)

    page.goto("/")
    tab_to(page, "^Search resources and pages")
    page.keyboard.type("mental capacity")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="Mental capacity assessments in practice")).to_be_visible()

    tab_to(page, "^Name this search")
    page.keyboard.type("Capacity reading")
    tab_to(page, "^Save this search")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_text("Capacity reading").first).to_be_visible()
    assert student.saved_searches.filter(name="Capacity reading").exists()


def test_rate_a_resource_by_keyboard(page, student, make_resource):
    resource = make_resource("Direct work with children")
    sign_in(page, student.email)

    page.goto(resource.url)
    state = tab_to(page, "^1 –")
    assert state["tag"] == "input"
    # In a group of radios the arrow keys move to, and choose, the next answer.
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    tab_to(page, "^Comment")
    page.keyboard.type("Good for planning a first visit.")
    tab_to(page, "^Save your rating")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page.get_by_text("Your rating has been saved")).to_be_visible()
    rating = Rating.objects.get(resource=resource, user=student)
    assert (rating.score, rating.comment) == (4, "Good for planning a first visit.")


def test_appraise_a_resource_and_compare_by_keyboard(page, practitioner, make_resource):
    resource = make_resource("Safeguarding adults: making it personal")
    sign_in(page, practitioner.email)

    page.goto(resource.url)
    tab_to(page, "^Appraise it yourself")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    for n, criterion in enumerate(CRITERIA):
        # Tab into the question's radios, choose the second answer, then give a reason.
        state = tab_to(page, f"^{criterion}_score$")
        assert state["tag"] == "input", state
        page.keyboard.press("ArrowDown")
        tab_to(page, f"^{criterion}_reason$")
        page.keyboard.type(f"Reason number {n + 1}.")
    tab_to(page, "^Save and compare")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.url.endswith(f"/resources/{resource.pk}/compare/"), page.url
    assert LearnerAppraisal.objects.filter(resource=resource, learner=practitioner).exists()
