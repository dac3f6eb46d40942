"""The course widgets (ipywidgets 8): each is a class whose object displays itself.

Every widget saves the learner's entries in the workbook (:mod:`kamlib.workbook`) and is
built on :class:`kamlib.widgets._base.KamWidget`. Widgets load lazily: importing this
package does not import matplotlib; using ``kamlib.widgets.BCGPlot`` does.
``kamlib.widgets.presenter(True)`` makes every widget larger, for a projector.
"""

from __future__ import annotations

from kamlib._lazy import lazy_members

#: Public widget name -> the module that defines it. Add a line here for a new widget.
_WIDGETS = {
    "ClassPicker": "kamlib.widgets.class_picker",
    "XYGrid": "kamlib.widgets.xy_grid",
    "SWOTBoard": "kamlib.widgets.swot_board",
    "BCGPlot": "kamlib.widgets.bcg_plot",
    "ParetoExplorer": "kamlib.widgets.pareto_explorer",
    "KeepWinCalculator": "kamlib.widgets.keep_win",
    "StageDiagnostic": "kamlib.widgets.stage_diagnostic",
    "UncouplingAudit": "kamlib.widgets.uncoupling_audit",
    "EnvironmentScan": "kamlib.widgets.environment_scan",
    "RiskMatrices": "kamlib.widgets.risk_matrices",
    "AnsoffPicker": "kamlib.widgets.ansoff_picker",
    "SmartCoach": "kamlib.widgets.smart_coach",
    "MixPlanner": "kamlib.widgets.mix_planner",
    "VisitPlanner": "kamlib.widgets.visit_planner",
    "OpportunityRanking": "kamlib.widgets.opportunity_ranking",
    "Quiz": "kamlib.widgets.quiz",
    "quiz_set": "kamlib.widgets.quiz",
    "answer": "kamlib.widgets.answers",
    "practice": "kamlib.widgets.answers",
    "ExerciseProgress": "kamlib.widgets.answers",
    "PlanExport": "kamlib.widgets.plan_export",
    "AccountChooser": "kamlib.widgets.account_chooser",
    "BuyingCentreMap": "kamlib.widgets.buying_centre_map",
    "SpinPractice": "kamlib.widgets.spin_practice",
    "CallObjective": "kamlib.widgets.call_objective",
    "BenefitBuilder": "kamlib.widgets.benefit_builder",
    "ObjectionPractice": "kamlib.widgets.objection_practice",
    "StyleSelfAssessment": "kamlib.widgets.style_self_assessment",
    "CostToServe": "kamlib.widgets.cost_to_serve",
    "presenter": "kamlib.widgets.layout",
    "LanguageChooser": "kamlib.widgets.language",
    "follow_language": "kamlib.widgets.language",
}

__all__ = sorted(_WIDGETS)
__getattr__, __dir__ = lazy_members(__name__, globals(), _WIDGETS)
