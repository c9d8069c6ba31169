-- The client's flavor and the player's situation: GetBuildInfo(), which events the flavor knows
-- (w.unknownEvents, read by RegisterEvent), combat (InCombatLockdown, sim:setCombat), instances
-- (IsInInstance, sim:setInstance) and addon restrictions (Enum.AddOnRestriction*,
-- C_RestrictedActions, sim:setRestriction).
local packn = require("world").packn

return function(w)
  local env, sim, checkSim, buildInfo = w.env, w.sim, w.checkSim, w.buildInfo
  local hasRestrictions, restrictionState = w.hasRestrictions, w.restrictionState

  function env.GetBuildInfo()
    return buildInfo[1], buildInfo[2], buildInfo[3], buildInfo[4]
  end

  function env.InCombatLockdown() return w.combat end

  -- IsInInstance(): inInstance, instanceType ("none", "party", "raid", "pvp", "arena", "scenario").
  function env.IsInInstance() return w.instanceType ~= "none", w.instanceType end

  -- Addon restrictions (every flavor has the API and its event, Classic Era included; they are
  -- in force on retail 12.x): Blizzard's enums and C_RestrictedActions.
  -- ADDON_RESTRICTION_STATE_CHANGED fires with state Activating before a restriction is
  -- enforced, and with Inactive once it is lifted; during its dispatch IsAddOnRestrictionActive
  -- always returns false (as documented).
  if hasRestrictions then
    env.Enum = env.Enum or {}
    env.Enum.AddOnRestrictionType = { Combat = 0, Encounter = 1, ChallengeMode = 2, PvPMatch = 3, Map = 4, Chat = 5 }
    env.Enum.AddOnRestrictionState = { Inactive = 0, Activating = 1, Active = 2 }
    env.C_RestrictedActions = {
      IsAddOnRestrictionActive = function(kind)
        if type(kind) ~= "number" then
          error("Usage: C_RestrictedActions.IsAddOnRestrictionActive(type): type must be an Enum.AddOnRestrictionType", 2)
        end
        return not w.dispatchingRestriction and (restrictionState[kind] or 0) == 2
      end,
      GetAddOnRestrictionState = function(kind)
        if type(kind) ~= "number" then
          error("Usage: C_RestrictedActions.GetAddOnRestrictionState(type): type must be an Enum.AddOnRestrictionType", 2)
        end
        return restrictionState[kind] or 0
      end,
    }
  end

  -- Enters an instance of `kind` ("party", "raid", "pvp", "arena", "scenario") or leaves it ("none").
  function sim.setInstance(self, kind)
    checkSim(self, "setInstance")
    if type(kind) ~= "string" then error("sim:setInstance(kind): expected an instance type such as \"raid\" or \"none\"", 2) end
    w.instanceType = kind
  end

  -- Turns an addon restriction (a name of Enum.AddOnRestrictionType) on or off, with its event
  -- at the start of the next frame as the client fires it (on: Activating during dispatch, Active
  -- after; off: Inactive).
  function sim.setRestriction(self, name, active)
    checkSim(self, "setRestriction")
    local kind = hasRestrictions and env.Enum.AddOnRestrictionType[name]
    if kind == nil or type(active) ~= "boolean" then
      error("sim:setRestriction(name, active): expected a restriction this client has and a boolean", 2)
    end
    local item = { event = "ADDON_RESTRICTION_STATE_CHANGED" }
    if active then
      item.args = packn(kind, 1)
      item.before = function() restrictionState[kind] = 1; w.dispatchingRestriction = true end
      item.after = function() restrictionState[kind] = 2; w.dispatchingRestriction = false end
    else
      item.args = packn(kind, 0)
      item.before = function() restrictionState[kind] = 0; w.dispatchingRestriction = true end
      item.after = function() w.dispatchingRestriction = false end
    end
    local queue = w.eventQueue
    queue[#queue + 1] = item
  end

  function sim.setCombat(self, inCombat)
    checkSim(self, "setCombat")
    if type(inCombat) ~= "boolean" then error("sim:setCombat(inCombat): expected a boolean", 2) end
    if inCombat == w.combat then return end
    w.combat = inCombat
    sim.fireEvent(sim, inCombat and "PLAYER_REGEN_DISABLED" or "PLAYER_REGEN_ENABLED")
  end
end
