"""Extraction: from a report's sentences to coded mentions of incidents.

Built so far, each a pure function on text: dates resolved against the publication date
(:mod:`.dates`), counts of the killed (:mod:`.numbers`), event types from cue lexicons
(:mod:`.events`), and the clauses that state totals, plans or background
(:mod:`.filters`); event typing scored on CASE 2021 and ACLED data (:mod:`.evaluate`).
Places, actors and the assembly into mentions come with the extraction issue.
"""
