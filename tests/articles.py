"""Invented article text the filter tests plant clutter into (one copy for all of them)."""

from __future__ import annotations

#: Paragraphs of an invented local-news article, in order.
BODY = ("The council voted on Tuesday to extend the bus lanes along the harbour road until the end of next year.",
        "Officials said the cost of the project had risen by almost a third since the first estimate was published.",
        "Residents who spoke at the meeting were divided, with shop owners warning that deliveries would suffer.",
        "The mayor, who has backed the plan since her election, called the vote a step toward cleaner air.")
#: A paragraph long enough to count as article prose (``Config.prose_min_words``).
PROSE = ("Engineers expect the work to begin in the spring, once the ground has thawed and the contracts are "
         "signed, and they say the first section of the lane could open before the summer holidays begin. "
         "The rest will follow in the autumn.")
