"""Package layout: `drivers/` and `web/` install as `odind.drivers` and `odind.web`.

The mapping lives here because setuptools' declarative config cannot prefix packages found
under a directory; a generic top-level `drivers` or `web` module must never reach site-packages.
"""

from setuptools import find_packages, setup


def _mapped(directory: str, prefix: str) -> list[str]:
    return [prefix] + [f"{prefix}.{name}" for name in find_packages(directory)]


setup(
    packages=find_packages(include=["odind", "odind.*"])
    + _mapped("drivers", "odind.drivers")
    + _mapped("web", "odind.web"),
    package_dir={"odind.drivers": "drivers", "odind.web": "web"},
    package_data={
        "odind": ["store/migrations/*.sql", "fonts/*.ttf", "fonts/*.txt"],
        "odind.web": ["static/*"],
    },
    include_package_data=True,
)
