"""The demo hook: every app's demo loaders run in order, in one transaction, from data files."""

import tomllib
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command

from cop_site.accounts.models import User
from cop_site.demo import (
    DemoDataError,
    DemoLoader,
    all_demo_loaders,
    build,
    read_data,
    unwrap,
)
from cop_site.home.demo.accounts import DemoAccount, demo_accounts
from cop_site.home.models import StandardPage
from resources.credibility import CRITERIA
from resources.demo.content import demo_library
from resources.models import (
    Appraisal,
    Audience,
    KnowledgeSource,
    PCFDomain,
    ReadingListPage,
    ResourceFormat,
    ResourcePage,
)

ROOT = Path(__file__).resolve().parents[2]


def failing_loader(run):
    raise RuntimeError("this app's demo content is broken")


def test_the_home_app_loads_first_and_each_app_declares_its_own_loaders():
    loaders = all_demo_loaders()

    assert [loader.label for loader in loaders] == [
        "Site pages",
        "Demo accounts",
        "Resource library",
    ]
    assert apps.get_app_config("resources").demo_loaders == (
        DemoLoader("resources.demo.loader.load", "Resource library", order=20),
    )


def test_load_demo_content_loads_every_apps_content(db):
    out = StringIO()

    call_command("load_demo_content", "--force", stdout=out)

    library = demo_library()
    assert ResourcePage.objects.live().count() == len(library.resources)
    assert ReadingListPage.objects.live().count() == len(library.reading_lists)
    assert Appraisal.objects.filter(appraiser__email=library.educators.lead).count() == len(
        library.resources
    )
    output = out.getvalue()
    assert output.index("Site pages:") < output.index("Demo accounts:")
    assert output.index("Demo accounts:") < output.index("Resource library:")


def test_a_loader_that_fails_leaves_no_other_apps_content(db, monkeypatch):
    config = apps.get_app_config("resources")
    broken = DemoLoader("tests.home.test_demo_loaders.failing_loader", "Broken", order=30)
    monkeypatch.setattr(config, "demo_loaders", (*config.demo_loaders, broken))

    with pytest.raises(RuntimeError, match="broken"):
        call_command("load_demo_content", "--force", stdout=StringIO())

    assert not User.objects.exists()
    assert not StandardPage.objects.exists()
    assert not ResourcePage.objects.exists()


def test_wrapped_text_reads_back_as_the_line_it_was_wrapped_from():
    prose = """
        The law behind adult social care in England: the wellbeing
        principle, assessment and eligibility.
    """
    html = """
        <p>Read section 1 first: every other duty is meant to be
        carried out in its light.</p>
        <ul>
        <li>one <b>bold</b></li>
        <li>two</li>
        </ul>
    """

    assert unwrap(prose) == (
        "The law behind adult social care in England: the wellbeing principle, assessment and "
        "eligibility."
    )
    assert unwrap(html) == (
        "<p>Read section 1 first: every other duty is meant to be carried out in its light.</p>"
        "<ul><li>one <b>bold</b></li><li>two</li></ul>"
    )
    assert unwrap("One line, as it is.") == "One line, as it is."


def test_the_accounts_file_reads_as_one_account_per_role():
    accounts = demo_accounts()

    assert [account.email for account in accounts][:2] == [
        "admin@example.com",
        "educator@example.com",
    ]
    verifiers = set()
    for account in accounts:
        # Each verifier is listed, and so created, before the accounts it verifies.
        assert account.verified_by is None or account.verified_by in verifiers
        verifiers.add(account.email)
    assert read_data("cop_site.home.demo", "accounts.toml")["password"] == "demo-pass-2026"


def test_a_misspelt_or_unknown_value_in_a_data_file_says_where():
    entry = {"email": "x@example.com", "role": "student", "profile": {}, "verifed_by": "a"}
    with pytest.raises(DemoDataError, match=r"accounts\.toml.*verifed_by"):
        build(DemoAccount, entry, where="accounts.toml")

    with pytest.raises(DemoDataError, match="no such role: 'dean'"):
        DemoAccount("x@example.com", "dean", {})


def test_every_resource_names_known_taxonomy_and_profiles(db):
    """A misspelt code would quietly leave a resource without its topic, domain or audience."""
    library = demo_library()
    topics = {topic.slug for topic in library.topics}
    sources = set(KnowledgeSource.objects.values_list("slug", flat=True))
    domains = set(PCFDomain.objects.values_list("slug", flat=True))
    audiences = set(Audience.objects.values_list("slug", flat=True))
    slugs = [resource.slug for resource in library.resources]

    assert len(slugs) == len(set(slugs))
    for resource in library.resources:
        assert set(resource.topics) <= topics, resource.slug
        assert resource.source in sources, resource.slug
        assert set(resource.pcf) <= domains, resource.slug
        assert set(resource.audiences) <= audiences, resource.slug
        assert resource.format in ResourceFormat.values, resource.slug
        for appraisal in resource.appraisals(library.profiles, library.educators):
            assert set(appraisal.scores) == {guide.key for guide in CRITERIA}, resource.slug
            reasons = [judgement.reason for judgement in appraisal.scores.values()]
            assert not [reason for reason in reasons if "{" in reason], resource.slug
    for reading_list in library.reading_lists:
        assert {item.resource for item in reading_list.items} <= set(slugs)
    assert {entry.resource for entry in library.learner_appraisals} <= set(slugs)
    assert {rating.resource for rating in library.ratings} <= set(slugs)


def test_the_demo_data_files_are_shipped_with_the_package():
    """A non-editable install carries only the data files that package-data names."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    patterns = pyproject["tool"]["setuptools"]["package-data"]["*"]
    apps_found = pyproject["tool"]["setuptools"]["packages"]["find"]["include"]
    app_dirs = [ROOT / include.rstrip("*") for include in apps_found]
    app_dirs = [folder for folder in app_dirs if folder.is_dir()]
    data_files = {path for folder in app_dirs for path in folder.glob("**/demo/**/*.toml")}
    assert len(data_files) >= 10

    # Setuptools globs each pattern from the folder of every package.
    packages = {init.parent for folder in app_dirs for init in folder.glob("**/__init__.py")}
    shipped = {
        path for package in packages for pattern in patterns for path in package.glob(pattern)
    }

    assert sorted(data_files - shipped) == []
