-- Argo CD health check for BreakGlassGrant (iroperator.io/v1alpha1), Lua 5.1 as Argo CD runs it.
-- Install: resource.customizations.health.iroperator.io_BreakGlassGrant in argocd-cm (docs/operations.md,
-- "Argo CD"). Phases and reasons: docs/grants.md.
--   Healthy      Active (access open in every account), or ended normally (Expired, Revoked)
--   Suspended    Pending, waiting for approvals (a person has to act)
--   Progressing  not yet seen by the operator, waiting for its role or the inventory, Approved and opening
--                access (some accounts active, none failing), or being deleted
--   Degraded     Denied, Failed, or an account reporting an error (while opening or while removing access)
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

-- Counts of accounts by state, the total, and the first account in Error.
local function accounts(status)
  local counts = {}
  local total = 0
  local firstError = nil
  if status.accounts ~= nil then
    for _, a in ipairs(status.accounts) do
      total = total + 1
      local state = a.state or "Pending"
      counts[state] = (counts[state] or 0) + 1
      if state == "Error" and firstError == nil then
        firstError = a
      end
    end
  end
  return counts, total, firstError
end

local function errorMessage(firstError, counts, total)
  local message = tostring(counts["Error"]) .. " of " .. tostring(total) .. " account(s) failing"
  if firstError ~= nil then
    message = message .. ": " .. tostring(firstError.accountId) .. ": " .. tostring(firstError.message or "")
  end
  return message
end

local function message(c, fallback)
  if c ~= nil and c.message ~= nil and c.message ~= "" then
    return c.message
  end
  return fallback
end

if obj.metadata ~= nil and obj.metadata.deletionTimestamp ~= nil then
  hs.status = "Progressing"
  hs.message = "Being deleted: the operator removes the access and holds the grant until no session issued under it can still be alive"
  return hs
end

local status = obj.status
if status == nil or status.phase == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to see the grant"
  return hs
end

local generation = obj.metadata and obj.metadata.generation
if generation ~= nil and status.observedGeneration ~= nil and status.observedGeneration < generation then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to observe generation " .. tostring(generation)
  return hs
end

local approved = condition(status, "Approved")
local active = condition(status, "Active")
local counts, total, firstError = accounts(status)
local phase = status.phase

if phase == "Pending" then
  if approved ~= nil and approved.reason == "AwaitingApproval" then
    hs.status = "Suspended"
  else
    hs.status = "Progressing"
  end
  hs.message = message(approved, "Pending")
elseif phase == "Approved" then
  if (counts["Error"] or 0) > 0 then
    hs.status = "Degraded"
    hs.message = errorMessage(firstError, counts, total)
  else
    hs.status = "Progressing"
    hs.message = "Opening access: " .. tostring(counts["Active"] or 0) .. " of " .. tostring(total) .. " account(s) active"
  end
elseif phase == "Active" then
  hs.status = "Healthy"
  hs.message = "Active until " .. tostring(status.expiresAt)
elseif phase == "Expired" or phase == "Revoked" then
  if (counts["Error"] or 0) > 0 then
    hs.status = "Degraded"
    hs.message = phase .. " at " .. tostring(status.endedAt) .. ", but removing access failed: " .. errorMessage(firstError, counts, total)
  else
    hs.status = "Healthy"
    hs.message = phase .. " at " .. tostring(status.endedAt)
    if (counts["Removed"] or 0) < total then
      hs.message = hs.message .. "; removing the trust statement from " .. tostring(total - (counts["Removed"] or 0)) .. " account(s)"
    end
  end
elseif phase == "Denied" then
  hs.status = "Degraded"
  local reason = (approved and approved.reason) or "Denied"
  hs.message = reason .. ": " .. message(approved, "denied")
elseif phase == "Failed" then
  hs.status = "Degraded"
  hs.message = message(active, "Failed")
else
  hs.status = "Unknown"
  hs.message = "Unknown phase " .. tostring(phase)
end
return hs
