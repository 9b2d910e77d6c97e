"""Assessment: every incident judged against every provision, with reasons in plain words."""

from trucewatch.assess.rules import ZONE_RULE_ACTS, assess, judge, party_of, window

__all__ = ["ZONE_RULE_ACTS", "assess", "judge", "party_of", "window"]
