"""Files of a new pack made by ``atlasmesh pack new NAME``; ``{name}`` etc. are filled in.

The pack works out of the box: it installs with pip, registers in the ``atlasmesh.sectors``
entry-point group, passes the contract kit and its one rule governs the demo as soon as the
site enables it.
"""

from __future__ import annotations

__all__ = ["FILES"]

PYPROJECT = """\
[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "atlasmesh-pack-{name}"
version = "0.1.0"
description = "{title}: an AtlasMesh sector pack"
requires-python = ">=3.11"
dependencies = ["atlasmesh>=0.1"]

# AtlasMesh finds the pack here; the entry-point name must equal PACK.name.
[project.entry-points."atlasmesh.sectors"]
{name} = "{package}"

[tool.setuptools]
packages = ["{package}"]

[tool.ruff]
line-length = 100
"""

README = """\
# {title}

An AtlasMesh sector pack made with `atlasmesh pack new {name}`.

    pip install -e .                        # into the AtlasMesh environment
    pytest tests                            # the pack contract kit and the rule test

Enable it for a site in `<site>.site.toml` (`[packs] enabled = ["{name}"]`), then run
`atlasmesh pack list --site <site file>` and `atlasmesh demo --site <site file>`.
See docs/packs.md of AtlasMesh for the hooks and records.
"""

INIT = '''\
"""{title}: an AtlasMesh sector pack."""

from plugins import API_VERSION, PackInfo

__all__ = ["PACK"]

PACK = PackInfo(
    name="{name}",
    version="0.1.0",
    api=API_VERSION,
    title="{title}",
    title_ar="{title}",
    description="A new sector pack: one vehicle profile, one rule, one task type.",
    provides=("parameters", "profiles", "rules", "tasks", "translations"),
)
'''

HOOKS = '''\
"""Hook implementations of the {name} pack: each returns the pack's records."""

from __future__ import annotations

from collections.abc import Mapping

from plugins import (
    EnergyModel,
    Kinematics,
    OperationalDesignDomain,
    ParameterSpec,
    RuleSet,
    TaskStep,
    TaskType,
    Translations,
    VehicleProfile,
    hookimpl,
)


@hookimpl
def atlas_parameters() -> list[ParameterSpec]:
    """Return the numbers the pack's rules use, with their origin."""
    return [
        ParameterSpec(
            id="{name}.max_speed_kmh",
            title="Highest speed on this site",
            default=40.0,
            unit="km/h",
            minimum=5.0,
            maximum=80.0,
            strength="E",
            source="site rule (example): replace with your site's figure and source",
        )
    ]


@hookimpl
def atlas_vehicle_profiles() -> list[VehicleProfile]:
    """Return the pack's vehicle profiles."""
    return [
        VehicleProfile(
            id="{name}.vehicle",
            title="{title} vehicle",
            vehicle_class="{name}_vehicle",
            kinematics=Kinematics(
                max_speed_mps=15.0,
                accel_mps2=1.0,
                decel_mps2=3.0,
                length_m=6.0,
                width_m=2.5,
                height_m=3.0,
                empty_mass_t=10.0,
                payload_t=10.0,
                turning_radius_m=8.0,
            ),
            energy=EnergyModel(
                source="battery", capacity_kwh=200.0, use_per_km=0.01, loaded_factor=1.5
            ),
            sensors=("gnss", "lidar"),
            odd=OperationalDesignDomain(
                weather=("clear", "rain"), max_grade_pct=10.0, min_perception_confidence=0.85
            ),
        )
    ]


@hookimpl
def atlas_rule_sets(params: Mapping[str, float]) -> list[RuleSet]:
    """Return the pack's governor rules, built with the site's parameter values."""
    cap = params["max_speed_kmh"] / 3.6
    return [
        RuleSet.model_validate(
            {{
                "id": "{name}.rules",
                "title": "{title} rules",
                "rules": [
                    {{
                        "id": "{name}.speed_cap",
                        "explanation": f"No vehicle exceeds {{params['max_speed_kmh']:g}} km/h.",
                        "strength": "E",
                        "source": "site rule (example)",
                        "when": [{{"field": "requested_speed_mps", "op": "gt", "value": cap}}],
                        "effect": {{
                            "outcome": "RESTRICT",
                            "constraints": {{"speed_cap_mps": cap}},
                        }},
                    }}
                ],
            }}
        )
    ]


@hookimpl
def atlas_task_types() -> list[TaskType]:
    """Return the task types the dispatcher can assign."""
    return [
        TaskType(
            id="{name}.transfer",
            title="Transfer",
            vehicle_classes=("{name}_vehicle",),
            steps=(
                TaskStep(name="pick_up", poi_kind="loading"),
                TaskStep(name="drop", poi_kind="dump"),
            ),
        )
    ]


@hookimpl
def atlas_translations() -> list[Translations]:
    """Return the English and Arabic texts of every record."""
    return [
        Translations(
            language="en",
            messages={{
                "{name}.max_speed_kmh": "Highest speed on this site",
                "{name}.vehicle": "{title} vehicle",
                "{name}.rules": "{title} rules",
                "{name}.speed_cap": "Keep to the site's highest speed.",
                "{name}.transfer": "Transfer",
            }},
        ),
        Translations(
            language="ar",
            messages={{
                "{name}.max_speed_kmh": "أعلى سرعة في هذا الموقع",
                "{name}.vehicle": "مركبة {title}",
                "{name}.rules": "قواعد {title}",
                "{name}.speed_cap": "التزم بأعلى سرعة في الموقع.",
                "{name}.transfer": "نقل",
            }},
        ),
    ]
'''

TEST_CONTRACT = '''\
"""The AtlasMesh pack contract, and the pack's rule deciding a real proposal."""

import importlib.metadata

from edge.governor import Governor, Proposal
from edge.protocol.messages import LinkState
from maps.site import default_site_path, load_site
from plugins import PackManager, compose_bundle
from plugins.testing import assert_pack_contract

import {package}


def test_pack_contract() -> None:
    assert_pack_contract({package})


def test_pack_is_installed_as_an_entry_point() -> None:
    eps = importlib.metadata.entry_points(group="atlasmesh.sectors")
    assert "{name}" in {{ep.name for ep in eps}}


def test_speed_cap_restricts_a_fast_proposal() -> None:
    manager = PackManager()
    manager.add_module({package})
    site = load_site(default_site_path())
    bundle = compose_bundle(manager.collect(site=site), {{"{name}": {package}.PACK.version}})
    governor = Governor(bundle, site)
    poi = site.pois_of_kind("parking")[0]
    proposal = Proposal(
        vehicle_id="T-1",
        vehicle_class="light_vehicle",
        profile="test",
        action="proceed",
        x=poi.xy[0],
        y=poi.xy[1],
        speed_mps=5.0,
        requested_speed_mps=20.0,
        load_t=0.0,
        perception_confidence=0.99,
        link_state=LinkState.CONNECTED,
        weather="clear",
        hour=12.0,
        estop_latched=False,
        released=False,
        now=1.8e9,
    )
    decision = governor.decide(proposal)
    assert "{name}.speed_cap" in decision.fired
    assert decision.constraints[0].value <= 40.0 / 3.6
'''

FILES: dict[str, str] = {
    "pyproject.toml": PYPROJECT,
    "README.md": README,
    "{package}/__init__.py": INIT,
    "{package}/hooks.py": HOOKS,
    "tests/test_{name}_contract.py": TEST_CONTRACT,
}
"""Relative path template to content template."""
