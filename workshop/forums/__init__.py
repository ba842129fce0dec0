"""The forum itself: its dates, days, time blocks, tracks, rooms and organisations."""
