-- Argo CD health check for ResponderRole (iroperator.io/v1alpha1), Lua 5.1 as Argo CD runs it.
-- Install: resource.customizations.health.iroperator.io_ResponderRole in argocd-cm (docs/operations.md,
-- "Argo CD"). Conditions and reasons: docs/responder-roles.md.
--   Healthy      Ready=True for the current generation (the role is in line in every selected account)
--   Progressing  not yet seen by the operator, an older generation described, or accounts still being worked on
--   Degraded     Degraded=True: InvalidSpec, AccountsFailed (also when only some accounts fail), NotOwned,
--                InventoryUnavailable
local hs = {}

local function condition(status, kind)
  if status.conditions == nil then
    return nil
  end
  for _, c in ipairs(status.conditions) do
    if c.type == kind then
      return c
    end
  end
  return nil
end

local function describe(c, fallback)
  if c == nil then
    return fallback
  end
  local text = c.reason or fallback
  if c.message ~= nil and c.message ~= "" then
    text = text .. ": " .. c.message
  end
  return text
end

if obj.metadata ~= nil and obj.metadata.deletionTimestamp ~= nil then
  hs.status = "Progressing"
  hs.message = "Being deleted: the operator removes (or retains) the IAM role in every account first"
  return hs
end

local status = obj.status
if status == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to see the role"
  return hs
end

local generation = obj.metadata and obj.metadata.generation
local ready = condition(status, "Ready")
local stale = ready == nil
  or (generation ~= nil and status.observedGeneration ~= nil and status.observedGeneration < generation)
  or (generation ~= nil and ready.observedGeneration ~= nil and ready.observedGeneration < generation)
if stale then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to observe generation " .. tostring(generation)
  return hs
end

local degraded = condition(status, "Degraded")
local progressing = condition(status, "Progressing")
if degraded ~= nil and degraded.status == "True" then
  hs.status = "Degraded"
  hs.message = describe(degraded, "Degraded")
elseif ready.status == "True" then
  hs.status = "Healthy"
  hs.message = ready.message or status.accountsReady or "Ready"
elseif progressing ~= nil and progressing.status == "True" then
  hs.status = "Progressing"
  hs.message = describe(progressing, "Reconciling")
else
  hs.status = "Progressing"
  hs.message = describe(ready, "Not ready")
end
return hs
