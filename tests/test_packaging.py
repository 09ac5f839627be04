"""The files a hosting platform reads agree with the project's own."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from tests.conftest import ROOT


def pins() -> dict[str, Version]:
    found: dict[str, Version] = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        match = re.fullmatch(r"([A-Za-z0-9_.\-]+)==([^\s;]+)", line)
        assert match, f"requirements.txt must pin exactly: {line!r}"
        found[canonicalize_name(match.group(1))] = Version(match.group(2))
    return found


def project() -> dict[str, object]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert isinstance(data["project"], dict)
    return data["project"]


def test_every_runtime_dependency_is_pinned_within_its_range() -> None:
    pinned = pins()
    dependencies = project()["dependencies"]
    assert isinstance(dependencies, list)
    for spec in dependencies:
        requirement = Requirement(spec)
        name = canonicalize_name(requirement.name)
        assert name in pinned, f"{name} is in pyproject.toml but not pinned in requirements.txt"
        assert requirement.specifier.contains(pinned[name]), (
            f"requirements.txt pins {name}=={pinned[name]}, outside {requirement.specifier}"
        )


def test_requirements_include_every_transitive_dependency() -> None:
    """Hosting platforms install only this file: nothing may be left for pip to pick."""
    pinned = pins()
    environment = default_environment()
    environment["extra"] = ""
    for name in pinned:
        for spec in metadata.requires(name) or []:
            requirement = Requirement(spec)
            if requirement.marker and not requirement.marker.evaluate(environment):
                continue
            dependency = canonicalize_name(requirement.name)
            assert dependency in pinned, f"{name} needs {dependency}, not in requirements.txt"
            assert requirement.specifier.contains(pinned[dependency], prereleases=True)


def test_pins_are_what_is_installed() -> None:
    """The test environment runs exactly what the platform will run."""
    for name, version in pins().items():
        assert Version(metadata.version(name)) == version, name


def test_python_version_agrees() -> None:
    assert (ROOT / ".python-version").read_text().strip() == "3.11"
    assert project()["requires-python"] == ">=3.11"
