"""Extraction: from a report's sentences to coded mentions of incidents.

Built so far: dates resolved against the publication date (:mod:`.dates`) and counts of
the killed (:mod:`.numbers`). Places, event types and actors join them in the extraction
issue.
"""
