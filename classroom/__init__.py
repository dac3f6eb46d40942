"""The training room: the KAM course served to a class from one JupyterHub on this machine.

Run by the trainer as root from the course folder (``make classroom``); see
``docs/instructor_guide.md``, "Running a session on a server". Not part of ``kamlib``: learners
never get this package. Modules: :mod:`classroom.config` (settings), :mod:`classroom.roster`
(class list, passwords), :mod:`classroom.users` (system users), :mod:`classroom.auth`
(sign-in), :mod:`classroom.bundle` (learner bundle and Python), :mod:`classroom.exchange`
(hand out, push, collect), :mod:`classroom.hub` (the JupyterHub configuration),
:mod:`classroom.overview` (the trainer's class overview service), :mod:`classroom.prepare`
(getting the machine ready), :mod:`classroom.simulation` (a simulated class, for the
benchmark and the tests).
"""
