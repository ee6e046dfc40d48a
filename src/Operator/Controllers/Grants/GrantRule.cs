namespace IrOperator.Controllers.Grants;

/// <summary>One rule of the grant lifecycle: a decision when it fires, null to let the next rule look.</summary>
public delegate GrantDecision? GrantRule(GrantFacts facts);
