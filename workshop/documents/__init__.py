"""Draft documents tabled in sessions, their versions, and session conclusions."""
