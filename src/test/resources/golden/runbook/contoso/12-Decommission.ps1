# cutover runbook: phase Decommission (12 of 12)
# Plan ae8afcd18f21277bd1623beb856009dcaf1186c89aee3f66f0427d435becda28, target Skype for Business Server Subscription Edition.
#
# Run it in the Skype for Business Server Management Shell, on a Front End server or on a
# management workstation with the administrative tools, as a member of RTCUniversalServerAdmins.
# It checks its preconditions first and stops at the first check or move that fails.
# Every check and every move appends one row to the result file; import them into the
# journal with:  cutover run --record 12-Decommission.results.csv
# No command here uses -Force: Move-CsUser -Force loses users' contacts and meetings for good.
# Each block says how to undo it; `cutover rollback` does the same from the journal.

param([string]$ResultCsv = (Join-Path $PSScriptRoot '12-Decommission.results.csv'))
$ErrorActionPreference = 'Stop'
$Plan = 'ae8afcd18f21277bd1623beb856009dcaf1186c89aee3f66f0427d435becda28'

# ---- Functions used below. Each writes a result row; none changes anything by itself.
function Write-CutoverRow([string]$Step, [string]$Item, [string]$Outcome, [string]$Detail) {
    [pscustomobject][ordered]@{ Plan = $Plan; Step = $Step; Item = $Item; Action = 'DO'; Outcome = $Outcome; Detail = $Detail;
        At = [DateTime]::UtcNow.ToString('o'); Actor = [Environment]::UserDomainName + '\' + [Environment]::UserName } |
        Export-Csv -LiteralPath $ResultCsv -Append -NoTypeInformation -Encoding UTF8
}
# A gate: record it, and stop the script when a check failed.
function Complete-CutoverGate([string]$Step, [string[]]$Failures) {
    if ($Failures.Count -eq 0) { Write-CutoverRow $Step '' 'OK' 'every check passed'; return }
    Write-CutoverRow $Step '' 'FAILED' ($Failures -join '; ')
    throw "gate $Step failed: $($Failures -join '; ')"
}
# A synthetic transaction: nothing when it succeeds, else one failure line.
function Test-CutoverProbe([string]$What, [scriptblock]$Probe) {
    $r = & $Probe
    if ("$($r.Result)" -ne 'Success') { "${What}: $($r.Result) $($r.Error) $($r.Diagnosis)" }
}
# The pool a user is homed on, and the Edge that carries federation for that pool's site.
function Get-CutoverPool([string]$Sip) { "$((Get-CsUser -Identity $Sip).RegistrarPool)" }
function Get-CutoverFederationEdge([string]$Sip) {
    $site = "$((Get-CsPool -Identity (Get-CutoverPool $Sip)).Site)"
    "$((Get-CsSite -Identity $site).FederationRoute)" -replace '^EdgeServer:', ''
}
# Coexistence matrix: one user of each pool stands for it; every pair both ways, five modalities.
function Test-CutoverMatrix([string[]]$Pools) {
    $users = @{}
    foreach ($pool in $Pools) {
        $u = Get-CsUser -ResultSize Unlimited | Where-Object { $_.RegistrarPool -eq $pool -and $_.Enabled } | Select-Object -First 1
        if ($u) { $users[$pool] = "$($u.SipAddress)" }
    }
    foreach ($a in $Pools) { foreach ($b in $Pools) {
        if ($a -eq $b -or -not $users[$a] -or -not $users[$b]) { continue }
        $from = $users[$a]; $to = $users[$b]
        Test-CutoverProbe "Test-CsRegistration $from" { Test-CsRegistration -TargetFqdn $a -UserSipAddress $from }
        Test-CutoverProbe "Test-CsPresence $from -> $to" { Test-CsPresence -TargetFqdn $a -SubscriberSipAddress $from -PublisherSipAddress $to }
        Test-CutoverProbe "Test-CsIM $from -> $to" { Test-CsIM -TargetFqdn $a -SenderSipAddress $from -ReceiverSipAddress $to }
        Test-CutoverProbe "Test-CsP2PAV $from -> $to" { Test-CsP2PAV -TargetFqdn $a -SenderSipAddress $from -ReceiverSipAddress $to }
        Test-CutoverProbe "Test-CsAVConference $from -> $to" { Test-CsAVConference -TargetFqdn $a -SenderSipAddress $from -ReceiverSipAddress $to }
    } }
}
function Test-CutoverServices([string[]]$Pools) {
    foreach ($pool in $Pools) {
        foreach ($computer in (Get-CsPool -Identity $pool).Computers) {
            Get-CsWindowsService -ComputerName $computer | Where-Object { "$($_.Status)" -ne 'Running' } |
                ForEach-Object { "${computer}: $($_.Name) is $($_.Status)" }
        }
    }
}
# Each server of the pool at the build that may coexist with the target, or a failure line.
function Test-CutoverBuild([string]$Pool, [version]$Minimum, [string]$Update) {
    foreach ($computer in (Get-CsPool -Identity $Pool).Computers) {
        $text = "$(Invoke-Command -ComputerName $computer -ScriptBlock { Get-CsServerVersion })"
        if ($text -notmatch '\(([0-9.]+)\)') { "${computer}: no build reported: unknown, re-collect"; continue }
        if ([version]$Matches[1] -lt $Minimum) { "${computer} runs $($Matches[1]), below ${Minimum}; install $Update" }
    }
}
function Test-CutoverReplicas {
    Get-CsManagementStoreReplicationStatus | Where-Object { -not $_.UpToDate } | ForEach-Object { "$($_.ReplicaFqdn): replica not up to date" }
}
# Per-user policy assignments after a move, against what they were when the plan was made.
function Test-CutoverPolicies([string]$Sip, [hashtable]$Expected) {
    $u = Get-CsUser -Identity $Sip
    foreach ($column in @('ConferencingPolicy', 'ClientPolicy', 'ClientVersionPolicy', 'VoicePolicy', 'ExternalAccessPolicy', 'PersistentChatPolicy', 'MobilityPolicy', 'ArchivingPolicy', 'PinPolicy', 'DialPlan', 'LocationPolicy')) {
        $want = "$($Expected[$column])"; $have = "$($u.$column)"
        if ($want -ne $have) { "${Sip}: per-user $column was '$want', now '$have'" }
    }
}
# Nothing homed on or pointing at the pool.
function Test-CutoverDrain([string]$Pool) {
    $n = @(Get-CsUser -ResultSize Unlimited | Where-Object { $_.RegistrarPool -eq $Pool }).Count
    if ($n -gt 0) { "$Pool still homes $n users" }
    $n = @(Get-CsCommonAreaPhone | Where-Object { "$($_.RegistrarPool)" -eq ('' + $Pool) }).Count; if ($n -gt 0) { "$Pool still homes $n CommonAreaPhone objects" }
    $n = @(Get-CsAnalogDevice | Where-Object { "$($_.RegistrarPool)" -eq ('' + $Pool) }).Count; if ($n -gt 0) { "$Pool still homes $n AnalogDevice objects" }
    $n = @(Get-CsExUmContact | Where-Object { "$($_.RegistrarPool)" -eq ('' + $Pool) }).Count; if ($n -gt 0) { "$Pool still homes $n ExUmContact objects" }
    $n = @(Get-CsMeetingRoom | Where-Object { "$($_.RegistrarPool)" -eq ('' + $Pool) }).Count; if ($n -gt 0) { "$Pool still homes $n MeetingRoom objects" }
    $n = @(Get-CsThirdPartyVideoSystem | Where-Object { "$($_.RegistrarPool)" -eq ('' + $Pool) }).Count; if ($n -gt 0) { "$Pool still homes $n ThirdPartyVideoSystem objects" }
    $n = @(Get-CsTrustedApplicationEndpoint | Where-Object { "$($_.RegistrarPool)" -eq ('' + $Pool) }).Count; if ($n -gt 0) { "$Pool still homes $n ApplicationEndpoint objects" }
    $n = @(Get-CsDialInConferencingAccessNumber | Where-Object { "$($_.Pool)" -eq ('' + $Pool) }).Count; if ($n -gt 0) { "$Pool still homes $n DialInAccessNumber objects" }
    $n = @(Get-CsRgsWorkflow | Where-Object { "$($_.OwnerPool)" -eq ('' + $Pool) }).Count; if ($n -gt 0) { "$Pool still homes $n RgsContact objects" }
    $n = @(Get-CsConferenceDirectory | Where-Object { "$($_.ServiceId)" -eq ('UserServer:' + $Pool) }).Count; if ($n -gt 0) { "$Pool still homes $n ConferenceDirectory objects" }
    $n = @(Get-CsCallParkOrbit | Where-Object { "$($_.CallParkService)" -eq ('ApplicationServer:' + $Pool) }).Count; if ($n -gt 0) { "$Pool still homes $n CallParkOrbit objects" }
    $n = @(Get-CsRgsConfiguration -Identity "service:ApplicationServer:$Pool" -ErrorAction SilentlyContinue | Where-Object { "$($_.OwnerPool)" -eq ('' + $Pool) }).Count; if ($n -gt 0) { "$Pool still homes $n RgsConfiguration objects" }
    if (@(Get-CsService -CentralManagement | Where-Object { $_.Active -and $_.PoolFqdn -eq $Pool }).Count -gt 0) { "$Pool still hosts the Central Management Store" }
    Get-CsSite | Where-Object { $_.FederationRoute -eq "EdgeServer:$Pool" } | ForEach-Object { "site $($_.Identity) still routes federation through $Pool" }
    Get-CsService -EdgeServer | Where-Object { $_.Registrar -eq "Registrar:$Pool" } | ForEach-Object { "Edge $($_.PoolFqdn) still uses $Pool as its next hop" }
}
# One move: skipped when already done, checked afterwards by reading where the subject is homed.
function Invoke-CutoverMove([string]$Step, [string]$Item, [string]$Target, [scriptblock]$Move, [scriptblock]$Where) {
    try {
        if ("$(& $Where)" -ne $Target) { & $Move }
        $now = "$(& $Where)"
        if ($now -ne $Target) { throw "homed on $now after the move, not on $Target" }
        Write-CutoverRow $Step $Item 'OK' "on $Target"
    } catch {
        Write-CutoverRow $Step $Item 'FAILED' "$_"
        throw
    }
}
# A step that changes one thing: done when its check says so afterwards.
function Invoke-CutoverAction([string]$Step, [scriptblock]$Do, [scriptblock]$Check, [string]$Done) {
    try {
        if (-not (& $Check)) { & $Do }
        if (-not (& $Check)) { throw 'the change did not take effect' }
        Write-CutoverRow $Step '' 'OK' $Done
    } catch {
        Write-CutoverRow $Step '' 'FAILED' "$_"
        throw
    }
}
# ==== Preconditions: the gates this phase's actions depend on, checked again now.

# ---- Dublin/sfb15edge-dub.contoso.com/drain: drain check of sfb15edge-dub.contoso.com (checked again as a precondition; its row records this check)
$failures = @()
# drain check of sfb15edge-dub.contoso.com
$failures += @(Test-CutoverDrain 'sfb15edge-dub.contoso.com')
Complete-CutoverGate 'Dublin/sfb15edge-dub.contoso.com/drain' $failures

# ---- Dublin/sfb15pool-dub.contoso.com/drain: drain check of sfb15pool-dub.contoso.com (checked again as a precondition; its row records this check)
$failures = @()
# drain check of sfb15pool-dub.contoso.com
$failures += @(Test-CutoverDrain 'sfb15pool-dub.contoso.com')
Complete-CutoverGate 'Dublin/sfb15pool-dub.contoso.com/drain' $failures

# ==== Dublin/sfb15edge-dub.contoso.com/decommission: decommission sfb15edge-dub.contoso.com
# The point of no return for sfb15edge-dub.contoso.com: stops every service gracefully. Then remove the pool from the
# topology in Topology Builder, publish it (Publish-CsTopology) and run this script again: the step is
# recorded as done once Get-CsPool no longer lists the pool. No undo once it is removed.
Invoke-CutoverAction 'Dublin/sfb15edge-dub.contoso.com/decommission' -Do { foreach ($computer in (Get-CsPool -Identity 'sfb15edge-dub.contoso.com').Computers) { Stop-CsWindowsService -ComputerName $computer -Graceful } } -Check { -not (Get-CsPool -Identity 'sfb15edge-dub.contoso.com' -ErrorAction SilentlyContinue) } -Done 'sfb15edge-dub.contoso.com decommissioned'

# ==== Dublin/sfb15pool-dub.contoso.com/decommission: decommission sfb15pool-dub.contoso.com
# The point of no return for sfb15pool-dub.contoso.com: stops every service gracefully. Then remove the pool from the
# topology in Topology Builder, publish it (Publish-CsTopology) and run this script again: the step is
# recorded as done once Get-CsPool no longer lists the pool. No undo once it is removed.
Invoke-CutoverAction 'Dublin/sfb15pool-dub.contoso.com/decommission' -Do { foreach ($computer in (Get-CsPool -Identity 'sfb15pool-dub.contoso.com').Computers) { Stop-CsWindowsService -ComputerName $computer -Graceful } } -Check { -not (Get-CsPool -Identity 'sfb15pool-dub.contoso.com' -ErrorAction SilentlyContinue) } -Done 'sfb15pool-dub.contoso.com decommissioned'

Write-Host 'phase Decommission done; now run: cutover run --record 12-Decommission.results.csv'
