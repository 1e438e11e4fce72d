"""pyproject.toml and environment.yml list the same dependencies (conda and pip users get one project)."""
import re
import tomllib

import yaml

from helpers.data.paths import REPO_ROOT


def _name(spec: str) -> str:
    return re.split(r"[<>=!~ \[]", spec.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_pip_and_conda_dependencies_agree():
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["project"]
    pip_deps = {_name(d): d for d in project["dependencies"] + project["optional-dependencies"]["test"]}
    env = yaml.safe_load((REPO_ROOT / "environment.yml").read_text())
    conda, from_pip = {}, {}
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            from_pip.update({_name(d): d for d in dep["pip"] if not d.startswith("-e")})
        elif _name(dep) not in ("python", "pip"):
            conda[_name(dep)] = dep
    both = {**conda, **from_pip}
    assert set(both) == set(pip_deps)
    for name, spec in pip_deps.items():
        assert both[name].replace(" ", "") == spec.replace(" ", ""), name
