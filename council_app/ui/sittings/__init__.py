"""The sittings tab: the sitting page (attendance, agenda), the agenda item where the council
votes and decides, and the presenter window shown to the room."""
