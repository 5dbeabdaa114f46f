"""Feedback's persistence: invitations and answers on booking's ``Base`` (``tables``), issuing
and finding invitations (``invitations``), taking answers and counting them (``answers``)."""
