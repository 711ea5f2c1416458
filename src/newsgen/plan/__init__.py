"""The plan stage: every page of the site, its path and what its template receives."""

from newsgen.plan.pages import Page, PageContext
from newsgen.plan.site import plan_again, plan_site

__all__ = ["Page", "PageContext", "plan_again", "plan_site"]
