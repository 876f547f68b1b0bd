"""What apt and pip print while building the Dockerfiles a Dockerfile rule finds."""
from odoolint.symptoms import Symptom

SYMPTOMS = {
    "DF101": (
        Symptom(r"Package '(?P<package>wkhtmltopdf)' has no installation candidate", "apt",
                "apt apt-private/private-cacheset.cc `CacheSetHelperAPTGet::canNotFindCandidateVer`: "
                "_(\"Package '%s' has no installation candidate\")",
                "E: Package 'wkhtmltopdf' has no installation candidate",
                "Debian trixie (python:*-slim) has no wkhtmltopdf package; install the wkhtmltox release .deb"),
        Symptom(r"Unable to locate package (?P<package>wkhtmltopdf)\b", "apt",
                "apt apt-private/private-cacheset.cc `CacheSetHelperAPTGet::canNotFindPkgName`: "
                "_(\"Unable to locate package %s\")",
                "E: Unable to locate package wkhtmltopdf",
                "the base image's distribution has no wkhtmltopdf package"),
    ),
    "DF102": (
        Symptom(r"error: externally-managed-environment", "pip",
                "pypa/pip src/pip/_internal/exceptions.py `ExternallyManagedEnvironment` (reference "
                "\"externally-managed-environment\", PEP 668)",
                "error: externally-managed-environment",
                "odoo:18/19 are Ubuntu noble, whose Python is externally managed (PEP 668)"),
    ),
    "DF103": (
        Symptom(r"Unable to acquire the dpkg frontend lock \(/var/lib/dpkg/lock-frontend\), are you root\?", "apt",
                "apt apt-pkg/deb/debsystem.cc `debSystem::Lock`: _(\"Unable to acquire the dpkg frontend lock (%s), "
                "are you root?\")",
                "E: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), are you root?",
                "apt runs as `odoo`: the official image ends with `USER odoo`"),
    ),
}
