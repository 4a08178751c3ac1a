# cutover runbook: phase Objects (8 of 12)
# Plan ae8afcd18f21277bd1623beb856009dcaf1186c89aee3f66f0427d435becda28, target Skype for Business Server Subscription Edition.
#
# Run it in the Skype for Business Server Management Shell, on a Front End server or on a
# management workstation with the administrative tools, as a member of RTCUniversalServerAdmins.
# It checks its preconditions first and stops at the first check or move that fails.
# Every check and every move appends one row to the result file; import them into the
# journal with:  cutover run --record 08-Objects.results.csv
# No command here uses -Force: Move-CsUser -Force loses users' contacts and meetings for good.
# Each block says how to undo it; `cutover rollback` does the same from the journal.

param([string]$ResultCsv = (Join-Path $PSScriptRoot '08-Objects.results.csv'))
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

# ---- Dublin/sfb15pool-dub.contoso.com/wave-04-validation: validate wave 4 (checked again as a precondition; its row records this check)
$failures = @()
# registration of 10 users
$failures += @(Test-CutoverProbe 'Test-CsRegistration sip:dublin0871@contoso.com' { Test-CsRegistration -TargetFqdn (Get-CsUser -Identity 'sip:dublin0871@contoso.com' -ErrorAction 'Stop').RegistrarPool -UserSipAddress 'sip:dublin0871@contoso.com' })
$failures += @(Test-CutoverProbe 'Test-CsRegistration sip:dublin0872@contoso.com' { Test-CsRegistration -TargetFqdn (Get-CsUser -Identity 'sip:dublin0872@contoso.com' -ErrorAction 'Stop').RegistrarPool -UserSipAddress 'sip:dublin0872@contoso.com' })
$failures += @(Test-CutoverProbe 'Test-CsRegistration sip:dublin0873@contoso.com' { Test-CsRegistration -TargetFqdn (Get-CsUser -Identity 'sip:dublin0873@contoso.com' -ErrorAction 'Stop').RegistrarPool -UserSipAddress 'sip:dublin0873@contoso.com' })
$failures += @(Test-CutoverProbe 'Test-CsRegistration sip:dublin0874@contoso.com' { Test-CsRegistration -TargetFqdn (Get-CsUser -Identity 'sip:dublin0874@contoso.com' -ErrorAction 'Stop').RegistrarPool -UserSipAddress 'sip:dublin0874@contoso.com' })
$failures += @(Test-CutoverProbe 'Test-CsRegistration sip:dublin0875@contoso.com' { Test-CsRegistration -TargetFqdn (Get-CsUser -Identity 'sip:dublin0875@contoso.com' -ErrorAction 'Stop').RegistrarPool -UserSipAddress 'sip:dublin0875@contoso.com' })
$failures += @(Test-CutoverProbe 'Test-CsRegistration sip:dublin0876@contoso.com' { Test-CsRegistration -TargetFqdn (Get-CsUser -Identity 'sip:dublin0876@contoso.com' -ErrorAction 'Stop').RegistrarPool -UserSipAddress 'sip:dublin0876@contoso.com' })
$failures += @(Test-CutoverProbe 'Test-CsRegistration sip:dublin0877@contoso.com' { Test-CsRegistration -TargetFqdn (Get-CsUser -Identity 'sip:dublin0877@contoso.com' -ErrorAction 'Stop').RegistrarPool -UserSipAddress 'sip:dublin0877@contoso.com' })
$failures += @(Test-CutoverProbe 'Test-CsRegistration sip:dublin0878@contoso.com' { Test-CsRegistration -TargetFqdn (Get-CsUser -Identity 'sip:dublin0878@contoso.com' -ErrorAction 'Stop').RegistrarPool -UserSipAddress 'sip:dublin0878@contoso.com' })
$failures += @(Test-CutoverProbe 'Test-CsRegistration sip:dublin0879@contoso.com' { Test-CsRegistration -TargetFqdn (Get-CsUser -Identity 'sip:dublin0879@contoso.com' -ErrorAction 'Stop').RegistrarPool -UserSipAddress 'sip:dublin0879@contoso.com' })
$failures += @(Test-CutoverProbe 'Test-CsRegistration sip:dublin0880@contoso.com' { Test-CsRegistration -TargetFqdn (Get-CsUser -Identity 'sip:dublin0880@contoso.com' -ErrorAction 'Stop').RegistrarPool -UserSipAddress 'sip:dublin0880@contoso.com' })
# policy parity of 10 users
$failures += @(Test-CutoverPolicies 'sip:dublin0871@contoso.com' @{ ConferencingPolicy = 'ConferencingStandard' })
$failures += @(Test-CutoverPolicies 'sip:dublin0872@contoso.com' @{  })
$failures += @(Test-CutoverPolicies 'sip:dublin0873@contoso.com' @{  })
$failures += @(Test-CutoverPolicies 'sip:dublin0874@contoso.com' @{ ConferencingPolicy = 'ConferencingStandard' })
$failures += @(Test-CutoverPolicies 'sip:dublin0875@contoso.com' @{  })
$failures += @(Test-CutoverPolicies 'sip:dublin0876@contoso.com' @{  })
$failures += @(Test-CutoverPolicies 'sip:dublin0877@contoso.com' @{ ConferencingPolicy = 'ConferencingStandard' })
$failures += @(Test-CutoverPolicies 'sip:dublin0878@contoso.com' @{  })
$failures += @(Test-CutoverPolicies 'sip:dublin0879@contoso.com' @{  })
$failures += @(Test-CutoverPolicies 'sip:dublin0880@contoso.com' @{ ConferencingPolicy = 'ConferencingStandard' })
Complete-CutoverGate 'Dublin/sfb15pool-dub.contoso.com/wave-04-validation' $failures

# ---- Redmond/lyncpool01.contoso.com/wave-04-validation: validate wave 4 (checked again as a precondition; its row records this check)
$failures = @()
# registration of 10 users
$failures += @(Test-CutoverProbe 'Test-CsRegistration sip:redmond0884@contoso.com' { Test-CsRegistration -TargetFqdn (Get-CsUser -Identity 'sip:redmond0884@contoso.com' -ErrorAction 'Stop').RegistrarPool -UserSipAddress 'sip:redmond0884@contoso.com' })
$failures += @(Test-CutoverProbe 'Test-CsRegistration sip:redmond0885@contoso.com' { Test-CsRegistration -TargetFqdn (Get-CsUser -Identity 'sip:redmond0885@contoso.com' -ErrorAction 'Stop').RegistrarPool -UserSipAddress 'sip:redmond0885@contoso.com' })
$failures += @(Test-CutoverProbe 'Test-CsRegistration sip:redmond0886@contoso.com' { Test-CsRegistration -TargetFqdn (Get-CsUser -Identity 'sip:redmond0886@contoso.com' -ErrorAction 'Stop').RegistrarPool -UserSipAddress 'sip:redmond0886@contoso.com' })
$failures += @(Test-CutoverProbe 'Test-CsRegistration sip:redmond0887@contoso.com' { Test-CsRegistration -TargetFqdn (Get-CsUser -Identity 'sip:redmond0887@contoso.com' -ErrorAction 'Stop').RegistrarPool -UserSipAddress 'sip:redmond0887@contoso.com' })
$failures += @(Test-CutoverProbe 'Test-CsRegistration sip:redmond0888@contoso.com' { Test-CsRegistration -TargetFqdn (Get-CsUser -Identity 'sip:redmond0888@contoso.com' -ErrorAction 'Stop').RegistrarPool -UserSipAddress 'sip:redmond0888@contoso.com' })
$failures += @(Test-CutoverProbe 'Test-CsRegistration sip:redmond0889@contoso.com' { Test-CsRegistration -TargetFqdn (Get-CsUser -Identity 'sip:redmond0889@contoso.com' -ErrorAction 'Stop').RegistrarPool -UserSipAddress 'sip:redmond0889@contoso.com' })
$failures += @(Test-CutoverProbe 'Test-CsRegistration sip:redmond0890@contoso.com' { Test-CsRegistration -TargetFqdn (Get-CsUser -Identity 'sip:redmond0890@contoso.com' -ErrorAction 'Stop').RegistrarPool -UserSipAddress 'sip:redmond0890@contoso.com' })
$failures += @(Test-CutoverProbe 'Test-CsRegistration sip:redmond0891@contoso.com' { Test-CsRegistration -TargetFqdn (Get-CsUser -Identity 'sip:redmond0891@contoso.com' -ErrorAction 'Stop').RegistrarPool -UserSipAddress 'sip:redmond0891@contoso.com' })
$failures += @(Test-CutoverProbe 'Test-CsRegistration sip:redmond0892@contoso.com' { Test-CsRegistration -TargetFqdn (Get-CsUser -Identity 'sip:redmond0892@contoso.com' -ErrorAction 'Stop').RegistrarPool -UserSipAddress 'sip:redmond0892@contoso.com' })
$failures += @(Test-CutoverProbe 'Test-CsRegistration sip:redmond0893@contoso.com' { Test-CsRegistration -TargetFqdn (Get-CsUser -Identity 'sip:redmond0893@contoso.com' -ErrorAction 'Stop').RegistrarPool -UserSipAddress 'sip:redmond0893@contoso.com' })
# policy parity of 10 users
$failures += @(Test-CutoverPolicies 'sip:redmond0884@contoso.com' @{  })
$failures += @(Test-CutoverPolicies 'sip:redmond0885@contoso.com' @{  })
$failures += @(Test-CutoverPolicies 'sip:redmond0886@contoso.com' @{ ConferencingPolicy = 'ConferencingLarge' })
$failures += @(Test-CutoverPolicies 'sip:redmond0887@contoso.com' @{  })
$failures += @(Test-CutoverPolicies 'sip:redmond0888@contoso.com' @{  })
$failures += @(Test-CutoverPolicies 'sip:redmond0889@contoso.com' @{ ConferencingPolicy = 'ConferencingLarge' })
$failures += @(Test-CutoverPolicies 'sip:redmond0890@contoso.com' @{  })
$failures += @(Test-CutoverPolicies 'sip:redmond0891@contoso.com' @{ VoicePolicy = 'VoiceInternational' })
$failures += @(Test-CutoverPolicies 'sip:redmond0892@contoso.com' @{ ConferencingPolicy = 'ConferencingLarge'; ExternalAccessPolicy = 'ExternalPartners' })
$failures += @(Test-CutoverPolicies 'sip:redmond0893@contoso.com' @{  })
Complete-CutoverGate 'Redmond/lyncpool01.contoso.com/wave-04-validation' $failures

# ==== Dublin/sfb15pool-dub.contoso.com/objects-CommonAreaPhone: CommonAreaPhone objects (4)
# Move 4 CommonAreaPhone subjects from sfb15pool-dub.contoso.com to sfb19pool-dub.contoso.com with Move-CsCommonAreaPhone (-ProxyPool sfb19edge-dub.contoso.com: more than one Edge pool federates now).
# Undo: the same loop with the source and target swapped (sfb19pool-dub.contoso.com -> sfb15pool-dub.contoso.com).
$source = 'sfb15pool-dub.contoso.com'; $target = 'sfb19pool-dub.contoso.com'
foreach ($id in @(
    'sip:cap-sfb15pool-dub-001@contoso.com',
    'sip:cap-sfb15pool-dub-002@contoso.com',
    'sip:cap-sfb15pool-dub-003@contoso.com',
    'sip:cap-sfb15pool-dub-004@contoso.com'
)) {
    Invoke-CutoverMove 'Dublin/sfb15pool-dub.contoso.com/objects-CommonAreaPhone' ('CommonAreaPhone:' + $id) $target -Move { Move-CsCommonAreaPhone -Identity $id -Target $target -Confirm:$false } -Where { (Get-CsCommonAreaPhone -Identity $id).RegistrarPool }
}

# ==== Dublin/sfb15pool-dub.contoso.com/objects-AnalogDevice: AnalogDevice objects (2)
# Move 2 AnalogDevice subjects from sfb15pool-dub.contoso.com to sfb19pool-dub.contoso.com with Move-CsAnalogDevice (-ProxyPool sfb19edge-dub.contoso.com: more than one Edge pool federates now).
# Undo: the same loop with the source and target swapped (sfb19pool-dub.contoso.com -> sfb15pool-dub.contoso.com).
$source = 'sfb15pool-dub.contoso.com'; $target = 'sfb19pool-dub.contoso.com'
foreach ($id in @(
    'sip:analog-sfb15pool-dub-001@contoso.com',
    'sip:analog-sfb15pool-dub-002@contoso.com'
)) {
    Invoke-CutoverMove 'Dublin/sfb15pool-dub.contoso.com/objects-AnalogDevice' ('AnalogDevice:' + $id) $target -Move { Move-CsAnalogDevice -Identity $id -Target $target -Confirm:$false } -Where { (Get-CsAnalogDevice -Identity $id).RegistrarPool }
}

# ==== Dublin/sfb15pool-dub.contoso.com/objects-ExUmContact: ExUmContact objects (1)
# Move 1 ExUmContact from sfb15pool-dub.contoso.com to sfb19pool-dub.contoso.com with Move-CsExUmContact (-ProxyPool sfb19edge-dub.contoso.com: more than one Edge pool federates now).
# Undo: the same loop with the source and target swapped (sfb19pool-dub.contoso.com -> sfb15pool-dub.contoso.com).
$source = 'sfb15pool-dub.contoso.com'; $target = 'sfb19pool-dub.contoso.com'
foreach ($id in @(
    'sip:exum-sfb15pool-dub-001@contoso.com'
)) {
    Invoke-CutoverMove 'Dublin/sfb15pool-dub.contoso.com/objects-ExUmContact' ('ExUmContact:' + $id) $target -Move { Move-CsExUmContact -Identity $id -Target $target -Confirm:$false } -Where { (Get-CsExUmContact -Identity $id).RegistrarPool }
}

# ==== Dublin/sfb15pool-dub.contoso.com/objects-MeetingRoom: MeetingRoom objects (3)
# Move 3 MeetingRoom subjects from sfb15pool-dub.contoso.com to sfb19pool-dub.contoso.com with Move-CsMeetingRoom (-ProxyPool sfb19edge-dub.contoso.com: more than one Edge pool federates now).
# Undo: the same loop with the source and target swapped (sfb19pool-dub.contoso.com -> sfb15pool-dub.contoso.com).
$source = 'sfb15pool-dub.contoso.com'; $target = 'sfb19pool-dub.contoso.com'
foreach ($id in @(
    'sip:room-sfb15pool-dub-001@contoso.com',
    'sip:room-sfb15pool-dub-002@contoso.com',
    'sip:room-sfb15pool-dub-003@contoso.com'
)) {
    Invoke-CutoverMove 'Dublin/sfb15pool-dub.contoso.com/objects-MeetingRoom' ('MeetingRoom:' + $id) $target -Move { Move-CsMeetingRoom -Identity $id -Target $target -Confirm:$false } -Where { (Get-CsMeetingRoom -Identity $id).RegistrarPool }
}

# ==== Dublin/sfb15pool-dub.contoso.com/objects-ThirdPartyVideoSystem: ThirdPartyVideoSystem objects (1)
# Move 1 ThirdPartyVideoSystem from sfb15pool-dub.contoso.com to sfb19pool-dub.contoso.com with Move-CsThirdPartyVideoSystem (-ProxyPool sfb19edge-dub.contoso.com: more than one Edge pool federates now).
# Undo: the same loop with the source and target swapped (sfb19pool-dub.contoso.com -> sfb15pool-dub.contoso.com).
$source = 'sfb15pool-dub.contoso.com'; $target = 'sfb19pool-dub.contoso.com'
foreach ($id in @(
    'sip:vtc-sfb15pool-dub-001@contoso.com'
)) {
    Invoke-CutoverMove 'Dublin/sfb15pool-dub.contoso.com/objects-ThirdPartyVideoSystem' ('ThirdPartyVideoSystem:' + $id) $target -Move { Move-CsThirdPartyVideoSystem -Identity $id -Target $target -Confirm:$false } -Where { (Get-CsThirdPartyVideoSystem -Identity $id).RegistrarPool }
}

# ==== Dublin/sfb15pool-dub.contoso.com/objects-ApplicationEndpoint: ApplicationEndpoint objects (2)
# Move 2 ApplicationEndpoint subjects from sfb15pool-dub.contoso.com to sfb19pool-dub.contoso.com with Move-CsApplicationEndpoint (-ProxyPool sfb19edge-dub.contoso.com: more than one Edge pool federates now).
# Undo: the same loop with the source and target swapped (sfb19pool-dub.contoso.com -> sfb15pool-dub.contoso.com).
$source = 'sfb15pool-dub.contoso.com'; $target = 'sfb19pool-dub.contoso.com'
foreach ($id in @(
    'sip:app-sfb15pool-dub-001@contoso.com',
    'sip:app-sfb15pool-dub-002@contoso.com'
)) {
    Invoke-CutoverMove 'Dublin/sfb15pool-dub.contoso.com/objects-ApplicationEndpoint' ('ApplicationEndpoint:' + $id) $target -Move { Move-CsApplicationEndpoint -Identity $id -TargetApplicationPool $target -Confirm:$false } -Where { (Get-CsTrustedApplicationEndpoint -Identity $id).RegistrarPool }
}

# ==== Dublin/sfb15pool-dub.contoso.com/objects-DialInAccessNumber: DialInAccessNumber objects (1)
# Move 1 DialInAccessNumber from sfb15pool-dub.contoso.com to sfb19pool-dub.contoso.com with Move-CsApplicationEndpoint (-ProxyPool sfb19edge-dub.contoso.com: more than one Edge pool federates now).
# Undo: the same loop with the source and target swapped (sfb19pool-dub.contoso.com -> sfb15pool-dub.contoso.com).
$source = 'sfb15pool-dub.contoso.com'; $target = 'sfb19pool-dub.contoso.com'
foreach ($id in @(
    'sip:dialin-sfb15pool-dub-001@contoso.com'
)) {
    Invoke-CutoverMove 'Dublin/sfb15pool-dub.contoso.com/objects-DialInAccessNumber' ('DialInAccessNumber:' + $id) $target -Move { Move-CsApplicationEndpoint -Identity $id -TargetApplicationPool $target -Confirm:$false } -Where { (Get-CsDialInConferencingAccessNumber -Identity $id).Pool }
}

# ==== Dublin/sfb15pool-dub.contoso.com/objects-RgsContact: RgsContact objects (2)
# Move 2 RgsContact subjects from sfb15pool-dub.contoso.com to sfb19pool-dub.contoso.com with Move-CsApplicationEndpoint (-ProxyPool sfb19edge-dub.contoso.com: more than one Edge pool federates now).
# Undo: the same loop with the source and target swapped (sfb19pool-dub.contoso.com -> sfb15pool-dub.contoso.com).
$source = 'sfb15pool-dub.contoso.com'; $target = 'sfb19pool-dub.contoso.com'
foreach ($id in @(
    'sip:rgs-sfb15pool-dub-001@contoso.com',
    'sip:rgs-sfb15pool-dub-002@contoso.com'
)) {
    Invoke-CutoverMove 'Dublin/sfb15pool-dub.contoso.com/objects-RgsContact' ('RgsContact:' + $id) $target -Move { Move-CsApplicationEndpoint -Identity $id -TargetApplicationPool $target -Confirm:$false } -Where { (Get-CsRgsWorkflow -Identity $id).OwnerPool }
}

# ==== Dublin/sfb15pool-dub.contoso.com/objects-ConferenceDirectory: ConferenceDirectory objects (1)
# Move 1 ConferenceDirectory from sfb15pool-dub.contoso.com to sfb19pool-dub.contoso.com with Move-CsConferenceDirectory (-ProxyPool sfb19edge-dub.contoso.com: more than one Edge pool federates now).
# Undo: the same loop with the source and target swapped (sfb19pool-dub.contoso.com -> sfb15pool-dub.contoso.com).
$source = 'sfb15pool-dub.contoso.com'; $target = 'sfb19pool-dub.contoso.com'
foreach ($id in @(
    '3'
)) {
    Invoke-CutoverMove 'Dublin/sfb15pool-dub.contoso.com/objects-ConferenceDirectory' ('ConferenceDirectory:' + $id) $target -Move { Move-CsConferenceDirectory -Identity $id -TargetPool $target -Confirm:$false } -Where { "$((Get-CsConferenceDirectory -Identity $id).ServiceId)" -replace '^UserServer:', '' }
}

# ==== Dublin/sfb15pool-dub.contoso.com/objects-CallParkOrbit: CallParkOrbit objects (1)
# Move 1 CallParkOrbit from sfb15pool-dub.contoso.com to sfb19pool-dub.contoso.com with Set-CsCallParkOrbit (-ProxyPool sfb19edge-dub.contoso.com: more than one Edge pool federates now).
# Undo: the same loop with the source and target swapped (sfb19pool-dub.contoso.com -> sfb15pool-dub.contoso.com).
$source = 'sfb15pool-dub.contoso.com'; $target = 'sfb19pool-dub.contoso.com'
foreach ($id in @(
    'sfb15pool-dub orbit 001'
)) {
    Invoke-CutoverMove 'Dublin/sfb15pool-dub.contoso.com/objects-CallParkOrbit' ('CallParkOrbit:' + $id) $target -Move { Set-CsCallParkOrbit -Identity $id -CallParkService "ApplicationServer:$target" } -Where { "$((Get-CsCallParkOrbit -Identity $id).CallParkService)" -replace '^ApplicationServer:', '' }
}

# ==== Dublin/sfb15pool-dub.contoso.com/objects-RgsConfiguration: RgsConfiguration objects (1)
# Move 1 RgsConfiguration from sfb15pool-dub.contoso.com to sfb19pool-dub.contoso.com with Move-CsRgsConfiguration (-ProxyPool sfb19edge-dub.contoso.com: more than one Edge pool federates now).
# Undo: the same loop with the source and target swapped (sfb19pool-dub.contoso.com -> sfb15pool-dub.contoso.com); the legacy copy stays in place for rollback.
$source = 'sfb15pool-dub.contoso.com'; $target = 'sfb19pool-dub.contoso.com'
foreach ($id in @(
    'service:ApplicationServer:sfb15pool-dub.contoso.com'
)) {
    Invoke-CutoverMove 'Dublin/sfb15pool-dub.contoso.com/objects-RgsConfiguration' ('RgsConfiguration:' + $id) $target -Move { Move-CsRgsConfiguration -Source $source -Destination $target } -Where { (Get-CsRgsConfiguration -Identity $id).OwnerPool }
}

# ==== Redmond/lyncpool01.contoso.com/objects-CommonAreaPhone: CommonAreaPhone objects (6)
# Move 6 CommonAreaPhone subjects from lyncpool01.contoso.com to sfb19pool-red.contoso.com with Move-CsCommonAreaPhone (-ProxyPool sfb19edge-red.contoso.com: more than one Edge pool federates now).
# Undo: the same loop with the source and target swapped (sfb19pool-red.contoso.com -> lyncpool01.contoso.com).
$source = 'lyncpool01.contoso.com'; $target = 'sfb19pool-red.contoso.com'
foreach ($id in @(
    'sip:cap-lyncpool01-001@contoso.com',
    'sip:cap-lyncpool01-002@contoso.com',
    'sip:cap-lyncpool01-003@contoso.com',
    'sip:cap-lyncpool01-004@contoso.com',
    'sip:cap-lyncpool01-005@contoso.com',
    'sip:cap-lyncpool01-006@contoso.com'
)) {
    Invoke-CutoverMove 'Redmond/lyncpool01.contoso.com/objects-CommonAreaPhone' ('CommonAreaPhone:' + $id) $target -Move { Move-CsCommonAreaPhone -Identity $id -Target $target -Confirm:$false } -Where { (Get-CsCommonAreaPhone -Identity $id).RegistrarPool }
}

# ==== Redmond/lyncpool01.contoso.com/objects-AnalogDevice: AnalogDevice objects (4)
# Move 4 AnalogDevice subjects from lyncpool01.contoso.com to sfb19pool-red.contoso.com with Move-CsAnalogDevice (-ProxyPool sfb19edge-red.contoso.com: more than one Edge pool federates now).
# Undo: the same loop with the source and target swapped (sfb19pool-red.contoso.com -> lyncpool01.contoso.com).
$source = 'lyncpool01.contoso.com'; $target = 'sfb19pool-red.contoso.com'
foreach ($id in @(
    'sip:analog-lyncpool01-001@contoso.com',
    'sip:analog-lyncpool01-002@contoso.com',
    'sip:analog-lyncpool01-003@contoso.com',
    'sip:analog-lyncpool01-004@contoso.com'
)) {
    Invoke-CutoverMove 'Redmond/lyncpool01.contoso.com/objects-AnalogDevice' ('AnalogDevice:' + $id) $target -Move { Move-CsAnalogDevice -Identity $id -Target $target -Confirm:$false } -Where { (Get-CsAnalogDevice -Identity $id).RegistrarPool }
}

# ==== Redmond/lyncpool01.contoso.com/objects-ExUmContact: ExUmContact objects (2)
# Move 2 ExUmContact subjects from lyncpool01.contoso.com to sfb19pool-red.contoso.com with Move-CsExUmContact (-ProxyPool sfb19edge-red.contoso.com: more than one Edge pool federates now).
# Undo: the same loop with the source and target swapped (sfb19pool-red.contoso.com -> lyncpool01.contoso.com).
$source = 'lyncpool01.contoso.com'; $target = 'sfb19pool-red.contoso.com'
foreach ($id in @(
    'sip:exum-lyncpool01-001@contoso.com',
    'sip:exum-lyncpool01-002@contoso.com'
)) {
    Invoke-CutoverMove 'Redmond/lyncpool01.contoso.com/objects-ExUmContact' ('ExUmContact:' + $id) $target -Move { Move-CsExUmContact -Identity $id -Target $target -Confirm:$false } -Where { (Get-CsExUmContact -Identity $id).RegistrarPool }
}

# ==== Redmond/lyncpool01.contoso.com/objects-MeetingRoom: MeetingRoom objects (5)
# Move 5 MeetingRoom subjects from lyncpool01.contoso.com to sfb19pool-red.contoso.com with Move-CsMeetingRoom (-ProxyPool sfb19edge-red.contoso.com: more than one Edge pool federates now).
# Undo: the same loop with the source and target swapped (sfb19pool-red.contoso.com -> lyncpool01.contoso.com).
$source = 'lyncpool01.contoso.com'; $target = 'sfb19pool-red.contoso.com'
foreach ($id in @(
    'sip:room-lyncpool01-001@contoso.com',
    'sip:room-lyncpool01-002@contoso.com',
    'sip:room-lyncpool01-003@contoso.com',
    'sip:room-lyncpool01-004@contoso.com',
    'sip:room-lyncpool01-005@contoso.com'
)) {
    Invoke-CutoverMove 'Redmond/lyncpool01.contoso.com/objects-MeetingRoom' ('MeetingRoom:' + $id) $target -Move { Move-CsMeetingRoom -Identity $id -Target $target -Confirm:$false } -Where { (Get-CsMeetingRoom -Identity $id).RegistrarPool }
}

# ==== Redmond/lyncpool01.contoso.com/objects-ThirdPartyVideoSystem: ThirdPartyVideoSystem objects (2)
# Move 2 ThirdPartyVideoSystem subjects from lyncpool01.contoso.com to sfb19pool-red.contoso.com with Move-CsThirdPartyVideoSystem (-ProxyPool sfb19edge-red.contoso.com: more than one Edge pool federates now).
# Undo: the same loop with the source and target swapped (sfb19pool-red.contoso.com -> lyncpool01.contoso.com).
$source = 'lyncpool01.contoso.com'; $target = 'sfb19pool-red.contoso.com'
foreach ($id in @(
    'sip:vtc-lyncpool01-001@contoso.com',
    'sip:vtc-lyncpool01-002@contoso.com'
)) {
    Invoke-CutoverMove 'Redmond/lyncpool01.contoso.com/objects-ThirdPartyVideoSystem' ('ThirdPartyVideoSystem:' + $id) $target -Move { Move-CsThirdPartyVideoSystem -Identity $id -Target $target -Confirm:$false } -Where { (Get-CsThirdPartyVideoSystem -Identity $id).RegistrarPool }
}

# ==== Redmond/lyncpool01.contoso.com/objects-ApplicationEndpoint: ApplicationEndpoint objects (3)
# Move 3 ApplicationEndpoint subjects from lyncpool01.contoso.com to sfb19pool-red.contoso.com with Move-CsApplicationEndpoint (-ProxyPool sfb19edge-red.contoso.com: more than one Edge pool federates now).
# Undo: the same loop with the source and target swapped (sfb19pool-red.contoso.com -> lyncpool01.contoso.com).
$source = 'lyncpool01.contoso.com'; $target = 'sfb19pool-red.contoso.com'
foreach ($id in @(
    'sip:app-lyncpool01-001@contoso.com',
    'sip:app-lyncpool01-002@contoso.com',
    'sip:app-lyncpool01-003@contoso.com'
)) {
    Invoke-CutoverMove 'Redmond/lyncpool01.contoso.com/objects-ApplicationEndpoint' ('ApplicationEndpoint:' + $id) $target -Move { Move-CsApplicationEndpoint -Identity $id -TargetApplicationPool $target -Confirm:$false } -Where { (Get-CsTrustedApplicationEndpoint -Identity $id).RegistrarPool }
}

# ==== Redmond/lyncpool01.contoso.com/objects-DialInAccessNumber: DialInAccessNumber objects (2)
# Move 2 DialInAccessNumber subjects from lyncpool01.contoso.com to sfb19pool-red.contoso.com with Move-CsApplicationEndpoint (-ProxyPool sfb19edge-red.contoso.com: more than one Edge pool federates now).
# Undo: the same loop with the source and target swapped (sfb19pool-red.contoso.com -> lyncpool01.contoso.com).
$source = 'lyncpool01.contoso.com'; $target = 'sfb19pool-red.contoso.com'
foreach ($id in @(
    'sip:dialin-lyncpool01-001@contoso.com',
    'sip:dialin-lyncpool01-002@contoso.com'
)) {
    Invoke-CutoverMove 'Redmond/lyncpool01.contoso.com/objects-DialInAccessNumber' ('DialInAccessNumber:' + $id) $target -Move { Move-CsApplicationEndpoint -Identity $id -TargetApplicationPool $target -Confirm:$false } -Where { (Get-CsDialInConferencingAccessNumber -Identity $id).Pool }
}

# ==== Redmond/lyncpool01.contoso.com/objects-RgsContact: RgsContact objects (3)
# Move 3 RgsContact subjects from lyncpool01.contoso.com to sfb19pool-red.contoso.com with Move-CsApplicationEndpoint (-ProxyPool sfb19edge-red.contoso.com: more than one Edge pool federates now).
# Undo: the same loop with the source and target swapped (sfb19pool-red.contoso.com -> lyncpool01.contoso.com).
$source = 'lyncpool01.contoso.com'; $target = 'sfb19pool-red.contoso.com'
foreach ($id in @(
    'sip:rgs-lyncpool01-001@contoso.com',
    'sip:rgs-lyncpool01-002@contoso.com',
    'sip:rgs-lyncpool01-003@contoso.com'
)) {
    Invoke-CutoverMove 'Redmond/lyncpool01.contoso.com/objects-RgsContact' ('RgsContact:' + $id) $target -Move { Move-CsApplicationEndpoint -Identity $id -TargetApplicationPool $target -Confirm:$false } -Where { (Get-CsRgsWorkflow -Identity $id).OwnerPool }
}

# ==== Redmond/lyncpool01.contoso.com/objects-ConferenceDirectory: ConferenceDirectory objects (2)
# Move 2 ConferenceDirectory subjects from lyncpool01.contoso.com to sfb19pool-red.contoso.com with Move-CsConferenceDirectory (-ProxyPool sfb19edge-red.contoso.com: more than one Edge pool federates now).
# Undo: the same loop with the source and target swapped (sfb19pool-red.contoso.com -> lyncpool01.contoso.com).
$source = 'lyncpool01.contoso.com'; $target = 'sfb19pool-red.contoso.com'
foreach ($id in @(
    '1',
    '2'
)) {
    Invoke-CutoverMove 'Redmond/lyncpool01.contoso.com/objects-ConferenceDirectory' ('ConferenceDirectory:' + $id) $target -Move { Move-CsConferenceDirectory -Identity $id -TargetPool $target -Confirm:$false } -Where { "$((Get-CsConferenceDirectory -Identity $id).ServiceId)" -replace '^UserServer:', '' }
}

# ==== Redmond/lyncpool01.contoso.com/objects-CallParkOrbit: CallParkOrbit objects (2)
# Move 2 CallParkOrbit subjects from lyncpool01.contoso.com to sfb19pool-red.contoso.com with Set-CsCallParkOrbit (-ProxyPool sfb19edge-red.contoso.com: more than one Edge pool federates now).
# Undo: the same loop with the source and target swapped (sfb19pool-red.contoso.com -> lyncpool01.contoso.com).
$source = 'lyncpool01.contoso.com'; $target = 'sfb19pool-red.contoso.com'
foreach ($id in @(
    'lyncpool01 orbit 001',
    'lyncpool01 orbit 002'
)) {
    Invoke-CutoverMove 'Redmond/lyncpool01.contoso.com/objects-CallParkOrbit' ('CallParkOrbit:' + $id) $target -Move { Set-CsCallParkOrbit -Identity $id -CallParkService "ApplicationServer:$target" } -Where { "$((Get-CsCallParkOrbit -Identity $id).CallParkService)" -replace '^ApplicationServer:', '' }
}

# ==== Redmond/lyncpool01.contoso.com/objects-RgsConfiguration: RgsConfiguration objects (1)
# Move 1 RgsConfiguration from lyncpool01.contoso.com to sfb19pool-red.contoso.com with Move-CsRgsConfiguration (-ProxyPool sfb19edge-red.contoso.com: more than one Edge pool federates now).
# Undo: the same loop with the source and target swapped (sfb19pool-red.contoso.com -> lyncpool01.contoso.com); the legacy copy stays in place for rollback.
$source = 'lyncpool01.contoso.com'; $target = 'sfb19pool-red.contoso.com'
foreach ($id in @(
    'service:ApplicationServer:lyncpool01.contoso.com'
)) {
    Invoke-CutoverMove 'Redmond/lyncpool01.contoso.com/objects-RgsConfiguration' ('RgsConfiguration:' + $id) $target -Move { Move-CsRgsConfiguration -Source $source -Destination $target } -Where { (Get-CsRgsConfiguration -Identity $id).OwnerPool }
}

Write-Host 'phase Objects done; now run: cutover run --record 08-Objects.results.csv'
