<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>Actions</name>
    <message>
        <location filename="../app/ui/window_actions.py" line="27"/>
        <source>EMERGENCY STOP ALL</source>
        <translation>EMERGENCY STOP ALL</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="29"/>
        <source>Emergency stop of every vehicle on the site (asks to confirm)</source>
        <translation>Emergency stop of every vehicle on the site (asks to confirm)</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="36"/>
        <source>Stop selected vehicle</source>
        <translation>Stop selected vehicle</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="38"/>
        <source>Emergency stop of the selected vehicle (asks to confirm)</source>
        <translation>Emergency stop of the selected vehicle (asks to confirm)</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="45"/>
        <source>Resume selected vehicle</source>
        <translation>Resume selected vehicle</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="47"/>
        <source>Release the stop of the selected vehicle (asks to confirm)</source>
        <translation>Release the stop of the selected vehicle (asks to confirm)</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="54"/>
        <source>Resume all vehicles</source>
        <translation>Resume all vehicles</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="56"/>
        <source>Release the stop of every vehicle (asks to confirm)</source>
        <translation>Release the stop of every vehicle (asks to confirm)</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="61"/>
        <source>Command palette…</source>
        <translation>Command palette…</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="63"/>
        <source>Find and run any command from the keyboard</source>
        <translation>Find and run any command from the keyboard</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="68"/>
        <source>Fit site on map</source>
        <translation>Fit site on map</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="74"/>
        <source>Centre map on selected vehicle</source>
        <translation>Centre map on selected vehicle</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="80"/>
        <source>Follow selected vehicle</source>
        <translation>Follow selected vehicle</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="87"/>
        <source>Acknowledge all alerts</source>
        <translation>Acknowledge all alerts</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="93"/>
        <source>Mute alert sound</source>
        <translation>Mute alert sound</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="98"/>
        <source>Reset panel layout</source>
        <translation>Reset panel layout</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="102"/>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="103"/>
        <source>Arabic</source>
        <translation>Arabic</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="114"/>
        <source>Switch language English / Arabic</source>
        <translation>Switch language English / Arabic</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="120"/>
        <source>Arabic-Indic digits</source>
        <translation>Arabic-Indic digits</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="128"/>
        <source>Dark theme</source>
        <translation>Dark theme</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="129"/>
        <source>Light theme</source>
        <translation>Light theme</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="130"/>
        <source>High-contrast theme</source>
        <translation>High-contrast theme</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="142"/>
        <source>Larger text</source>
        <translation>Larger text</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="148"/>
        <source>Smaller text</source>
        <translation>Smaller text</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="154"/>
        <source>Default text size</source>
        <translation>Default text size</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="160"/>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="174"/>
        <source>Pin vehicle to task</source>
        <translation>Pin vehicle to task</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="176"/>
        <source>Give the task selected on the board to the selected vehicle (recorded)</source>
        <translation>Give the task selected on the board to the selected vehicle (recorded)</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="183"/>
        <source>Hold vehicle</source>
        <translation>Hold vehicle</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="185"/>
        <source>Take the selected vehicle out of dispatch; its task is queued again</source>
        <translation>Take the selected vehicle out of dispatch; its task is queued again</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="192"/>
        <source>Release vehicle</source>
        <translation>Release vehicle</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="194"/>
        <source>Return the selected held vehicle to dispatch</source>
        <translation>Return the selected held vehicle to dispatch</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="199"/>
        <source>Cancel task</source>
        <translation>Cancel task</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="201"/>
        <source>Cancel the task selected on the board (asks to confirm)</source>
        <translation>Cancel the task selected on the board (asks to confirm)</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="206"/>
        <source>Choose route…</source>
        <translation>Choose route…</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="208"/>
        <source>Compare the routes to a destination for the selected vehicle and send one</source>
        <translation>Compare the routes to a destination for the selected vehicle and send one</translation>
    </message>
</context>
<context>
    <name>AlertTableModel</name>
    <message>
        <location filename="../app/ui/panels/alerts_model.py" line="108"/>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/alerts_model.py" line="109"/>
        <source>Severity</source>
        <translation>Severity</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/alerts_model.py" line="110"/>
        <source>Vehicle</source>
        <translation>Vehicle</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/alerts_model.py" line="111"/>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/alerts_model.py" line="112"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/alerts_model.py" line="131"/>
        <source>✓ Acknowledged</source>
        <translation>✓ Acknowledged</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/alerts_model.py" line="132"/>
        <source>New</source>
        <translation>New</translation>
    </message>
</context>
<context>
    <name>Alerts</name>
    <message>
        <location filename="../app/ui/alerts/texts.py" line="29"/>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <location filename="../app/ui/alerts/texts.py" line="30"/>
        <source>Warning</source>
        <translation>Warning</translation>
    </message>
    <message>
        <location filename="../app/ui/alerts/texts.py" line="31"/>
        <source>Critical</source>
        <translation>Critical</translation>
    </message>
    <message>
        <location filename="../app/ui/alerts/texts.py" line="42"/>
        <source>Vehicle %1 reports a fault</source>
        <translation>Vehicle %1 reports a fault</translation>
    </message>
    <message>
        <location filename="../app/ui/alerts/texts.py" line="45"/>
        <source>Vehicle %1 is in a safe stop</source>
        <translation>Vehicle %1 is in a safe stop</translation>
    </message>
    <message>
        <location filename="../app/ui/alerts/texts.py" line="48"/>
        <source>Vehicle %1 needs operator assistance</source>
        <translation>Vehicle %1 needs operator assistance</translation>
    </message>
    <message>
        <location filename="../app/ui/alerts/texts.py" line="51"/>
        <source>No telemetry from vehicle %1</source>
        <translation>No telemetry from vehicle %1</translation>
    </message>
    <message>
        <location filename="../app/ui/alerts/texts.py" line="53"/>
        <source>Edge node %1 connected</source>
        <translation>Edge node %1 connected</translation>
    </message>
    <message>
        <location filename="../app/ui/alerts/texts.py" line="56"/>
        <source>Edge node %1 disconnected: %2</source>
        <translation>Edge node %1 disconnected: %2</translation>
    </message>
    <message>
        <location filename="../app/ui/alerts/texts.py" line="61"/>
        <source>Link to edge node %1 degraded</source>
        <translation>Link to edge node %1 degraded</translation>
    </message>
    <message>
        <location filename="../app/ui/alerts/texts.py" line="64"/>
        <source>Refused a frame from %1: %2</source>
        <translation>Refused a frame from %1: %2</translation>
    </message>
    <message>
        <location filename="../app/ui/alerts/texts.py" line="70"/>
        <source>Edge node %1 refused a frame: %2</source>
        <translation>Edge node %1 refused a frame: %2</translation>
    </message>
    <message>
        <location filename="../app/ui/alerts/texts.py" line="76"/>
        <source>Command executed for %1</source>
        <translation>Command executed for %1</translation>
    </message>
    <message>
        <location filename="../app/ui/alerts/texts.py" line="81"/>
        <source>Command refused for %1: %2</source>
        <translation>Command refused for %1: %2</translation>
    </message>
    <message>
        <location filename="../app/ui/alerts/texts.py" line="87"/>
        <source>Emergency stop sent to %1 by %2</source>
        <translation>Emergency stop sent to %1 by %2</translation>
    </message>
    <message>
        <location filename="../app/ui/alerts/texts.py" line="93"/>
        <source>Critical assist request from vehicle %1</source>
        <translation>Critical assist request from vehicle %1</translation>
    </message>
    <message>
        <location filename="../app/ui/alerts/texts.py" line="97"/>
        <source>Emergency stop NOT delivered: %1. Use the radio stop now.</source>
        <translation>Emergency stop NOT delivered: %1. Use the radio stop now.</translation>
    </message>
    <message>
        <location filename="../app/ui/alerts/texts.py" line="104"/>
        <source>Emergency stop not yet acknowledged by %1 (attempt %2): %3. Re-sending until it is; use the radio stop now.</source>
        <translation>Emergency stop not yet acknowledged by %1 (attempt %2): %3. Re-sending until it is; use the radio stop now.</translation>
    </message>
    <message>
        <location filename="../app/ui/alerts/texts.py" line="115"/>
        <source>The site&apos;s revocation list needs attention: %1</source>
        <translation>The site&apos;s revocation list needs attention: %1</translation>
    </message>
    <message>
        <location filename="../app/ui/alerts/texts.py" line="121"/>
        <source>The site&apos;s revocation list is current</source>
        <translation>The site&apos;s revocation list is current</translation>
    </message>
    <message>
        <location filename="../app/ui/alerts/texts.py" line="124"/>
        <source>Resume sent to %1 by %2</source>
        <translation>Resume sent to %1 by %2</translation>
    </message>
    <message>
        <location filename="../app/ui/alerts/texts.py" line="130"/>
        <source>Resume not delivered: %1</source>
        <translation>Resume not delivered: %1</translation>
    </message>
    <message>
        <location filename="../app/ui/alerts/texts.py" line="134"/>
        <source>Sector pack panel %1 could not open: %2. The rest of the console runs.</source>
        <translation>Sector pack panel %1 could not open: %2. The rest of the console runs.</translation>
    </message>
    <message>
        <location filename="../app/ui/alerts/texts.py" line="143"/>
        <source>Edge node endpoint %1 added</source>
        <translation>Edge node endpoint %1 added</translation>
    </message>
    <message>
        <location filename="../app/ui/alerts/texts.py" line="147"/>
        <source>Edge node endpoint %1 disconnected</source>
        <translation>Edge node endpoint %1 disconnected</translation>
    </message>
    <message>
        <location filename="../app/ui/alerts/texts.py" line="151"/>
        <source>Event %1</source>
        <translation>Event %1</translation>
    </message>
    <message>
        <location filename="../app/ui/alerts/texts.py" line="157"/>
        <source>all vehicles</source>
        <translation>all vehicles</translation>
    </message>
</context>
<context>
    <name>AlertsPanel</name>
    <message>
        <location filename="../app/ui/panels/alerts.py" line="157"/>
        <source>All severities</source>
        <translation>All severities</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/alerts.py" line="157"/>
        <source>Warnings and critical</source>
        <translation>Warnings and critical</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/alerts.py" line="157"/>
        <source>Critical only</source>
        <translation>Critical only</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/alerts.py" line="162"/>
        <source>Any time</source>
        <translation>Any time</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/alerts.py" line="163"/>
        <source>Last 15 minutes</source>
        <translation>Last 15 minutes</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/alerts.py" line="164"/>
        <source>Last hour</source>
        <translation>Last hour</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/alerts.py" line="165"/>
        <source>Last 8 hours</source>
        <translation>Last 8 hours</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/alerts.py" line="168"/>
        <source>Show alerts of this severity or higher</source>
        <translation>Show alerts of this severity or higher</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/alerts.py" line="169"/>
        <source>Show alerts from this period</source>
        <translation>Show alerts from this period</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/alerts.py" line="170"/>
        <source>Filter by vehicle…</source>
        <translation>Filter by vehicle…</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/alerts.py" line="171"/>
        <source>Show only alerts whose vehicle id contains this text</source>
        <translation>Show only alerts whose vehicle id contains this text</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/alerts.py" line="172"/>
        <source>Show acknowledged</source>
        <translation>Show acknowledged</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/alerts.py" line="173"/>
        <source>Acknowledge</source>
        <translation>Acknowledge</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/alerts.py" line="174"/>
        <source>Acknowledge the selected alerts</source>
        <translation>Acknowledge the selected alerts</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/alerts.py" line="175"/>
        <source>Acknowledge all</source>
        <translation>Acknowledge all</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/alerts.py" line="176"/>
        <source>Acknowledge every alert in the log</source>
        <translation>Acknowledge every alert in the log</translation>
    </message>
</context>
<context>
    <name>AssistDetailPane</name>
    <message>
        <location filename="../app/ui/assist/detail.py" line="138"/>
        <source>No request selected. Press N for the next open request.</source>
        <translation>No request selected. Press N for the next open request.</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/detail.py" line="147"/>
        <source>nobody</source>
        <translation>nobody</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/detail.py" line="147"/>
        <source>supervisors</source>
        <translation>supervisors</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/detail.py" line="149"/>
        <source>me</source>
        <translation>me</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/detail.py" line="154"/>
        <source>Claimed by %1</source>
        <translation>Claimed by %1</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/detail.py" line="157"/>
        <source>Answered by %1: %2</source>
        <translation>Answered by %1: %2</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/detail.py" line="119"/>
        <source>Expired: the edge applied %1</source>
        <translation>Expired: the edge applied %1</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/detail.py" line="121"/>
        <source>Expired: %1 was due; the vehicle was already stopped</source>
        <translation>Expired: %1 was due; the vehicle was already stopped</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/detail.py" line="125"/>
        <source>Expired: %1 was NOT applied by the vehicle: %2</source>
        <translation>Expired: %1 was NOT applied by the vehicle: %2</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/detail.py" line="129"/>
        <source>Expired: %1 was due (this edge node does not report what the vehicle did)</source>
        <translation>Expired: %1 was due (this edge node does not report what the vehicle did)</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/detail.py" line="165"/>
        <source>Vehicle %1</source>
        <translation>Vehicle %1</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/detail.py" line="172"/>
        <source>The link to edge node %1 is down: no claim or answer can reach it, and the edge applies the fallback at the deadline.</source>
        <translation>The link to edge node %1 is down: no claim or answer can reach it, and the edge applies the fallback at the deadline.</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/detail.py" line="184"/>
        <source>Why:</source>
        <translation>Why:</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/detail.py" line="188"/>
        <source>Proposed: %1</source>
        <translation>Proposed: %1</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/detail.py" line="190"/>
        <source>speed %1 km/h</source>
        <translation>speed %1 km/h</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/detail.py" line="192"/>
        <source>load %1 t</source>
        <translation>load %1 t</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/detail.py" line="194"/>
        <source>perception %1 %</source>
        <translation>perception %1 %</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/detail.py" line="198"/>
        <source>Position: %1 m east, %2 m north · zone or place: %3</source>
        <translation>Position: %1 m east, %2 m north · zone or place: %3</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/detail.py" line="205"/>
        <source>Meanwhile the vehicle %1; with no answer by the deadline the edge applies: %2.</source>
        <translation>Meanwhile the vehicle %1; with no answer by the deadline the edge applies: %2.</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/detail.py" line="210"/>
        <source>Deadline %1 (%2)</source>
        <translation>Deadline %1 (%2)</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/detail.py" line="212"/>
        <source>owner: %1</source>
        <translation>owner: %1</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/detail.py" line="215"/>
        <source>(lease %1 s)</source>
        <translation>(lease %1 s)</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/detail.py" line="222"/>
        <source>%1 open requests are alike (same place, same reason): one answer can resolve them all.</source>
        <translation>%1 open requests are alike (same place, same reason): one answer can resolve them all.</translation>
    </message>
</context>
<context>
    <name>AssistQueueTableModel</name>
    <message>
        <location filename="../app/ui/assist/model.py" line="142"/>
        <source>Criticality</source>
        <translation>Criticality</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/model.py" line="143"/>
        <source>Vehicle</source>
        <translation>Vehicle</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/model.py" line="144"/>
        <source>Deadline</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/model.py" line="145"/>
        <source>Link</source>
        <translation>Link</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/model.py" line="146"/>
        <source>Similar</source>
        <translation>Similar</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/model.py" line="147"/>
        <source>Owner</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/model.py" line="177"/>
        <source>The link to this request&apos;s edge node is down: no claim or answer can reach it until it returns (the edge applies the fallback at the deadline).</source>
        <translation>The link to this request&apos;s edge node is down: no claim or answer can reach it until it returns (the edge applies the fallback at the deadline).</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/model.py" line="193"/>
        <source>supervisors</source>
        <translation>supervisors</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/model.py" line="196"/>
        <source>me</source>
        <translation>me</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/model.py" line="203"/>
        <source>down</source>
        <translation>down</translation>
    </message>
</context>
<context>
    <name>AssistRules</name>
    <message>
        <location filename="../app/ui/assist/texts.py" line="35"/>
        <source>An emergency stop is latched: stop safely now.</source>
        <translation>An emergency stop is latched: stop safely now.</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="38"/>
        <source>No automatic resume after an emergency stop or a link outage: moving again needs an explicit release.</source>
        <translation>No automatic resume after an emergency stop or a link outage: moving again needs an explicit release.</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="43"/>
        <source>The point is inside an active no-entry zone: the action is not allowed.</source>
        <translation>The point is inside an active no-entry zone: the action is not allowed.</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="46"/>
        <source>The console link is degraded or offline: no new mission may start.</source>
        <translation>The console link is degraded or offline: no new mission may start.</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="49"/>
        <source>Perception confidence is low: ask an operator and hold meanwhile.</source>
        <translation>Perception confidence is low: ask an operator and hold meanwhile.</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="52"/>
        <source>The point is inside a zone that needs permission (e.g. a loader&apos;s exclusion zone): ask an operator and hold meanwhile.</source>
        <translation>The point is inside a zone that needs permission (e.g. a loader&apos;s exclusion zone): ask an operator and hold meanwhile.</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="57"/>
        <source>The console link is degraded or offline: lower speed, wider buffer.</source>
        <translation>The console link is degraded or offline: lower speed, wider buffer.</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="60"/>
        <source>Inside a speed-limit zone: the lowest limit of the zones here applies.</source>
        <translation>Inside a speed-limit zone: the lowest limit of the zones here applies.</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="63"/>
        <source>The requested speed is above the limit here: capped to the limit.</source>
        <translation>The requested speed is above the limit here: capped to the limit.</translation>
    </message>
</context>
<context>
    <name>AssistTelemetryPlot</name>
    <message>
        <location filename="../app/ui/assist/plot.py" line="123"/>
        <source>speed km/h (solid)</source>
        <translation>speed km/h (solid)</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/plot.py" line="124"/>
        <source>perception % (dashed)</source>
        <translation>perception % (dashed)</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/plot.py" line="125"/>
        <source>seconds</source>
        <translation>seconds</translation>
    </message>
</context>
<context>
    <name>AssistTexts</name>
    <message>
        <location filename="../app/ui/assist/texts.py" line="93"/>
        <source>Critical</source>
        <translation>Critical</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="94"/>
        <source>High</source>
        <translation>High</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="95"/>
        <source>Medium</source>
        <translation>Medium</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="96"/>
        <source>Low</source>
        <translation>Low</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="113"/>
        <source>overdue</source>
        <translation>overdue</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="130"/>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="131"/>
        <source>Claimed</source>
        <translation>Claimed</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="132"/>
        <source>Answered</source>
        <translation>Answered</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="133"/>
        <source>Expired: no answer in time</source>
        <translation>Expired: no answer in time</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="134"/>
        <source>Cleared by itself</source>
        <translation>Cleared by itself</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="135"/>
        <source>Withdrawn</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="143"/>
        <source>Confirm</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="144"/>
        <source>Deny</source>
        <translation>Deny</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="145"/>
        <source>Hold</source>
        <translation>Hold</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="146"/>
        <source>Safe stop</source>
        <translation>Safe stop</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="147"/>
        <source>Reroute</source>
        <translation>Reroute</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="148"/>
        <source>Override</source>
        <translation>Override</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="149"/>
        <source>Close zone</source>
        <translation>Close zone</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="150"/>
        <source>Open zone</source>
        <translation>Open zone</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="158"/>
        <source>holds in place</source>
        <translation>holds in place</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="159"/>
        <source>slows down</source>
        <translation>slows down</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="160"/>
        <source>stops safely</source>
        <translation>stops safely</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="168"/>
        <source>hold and wait for a task</source>
        <translation>hold and wait for a task</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="169"/>
        <source>safe stop (latched)</source>
        <translation>safe stop (latched)</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="177"/>
        <source>start a task</source>
        <translation>start a task</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="178"/>
        <source>proceed</source>
        <translation>proceed</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="179"/>
        <source>resume</source>
        <translation>resume</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/texts.py" line="180"/>
        <source>enter the zone</source>
        <translation>enter the zone</translation>
    </message>
</context>
<context>
    <name>AssistWorkspace</name>
    <message>
        <location filename="../app/ui/assist/answers.py" line="128"/>
        <source>%1: sent, waiting for the edge…</source>
        <translation>%1: sent, waiting for the edge…</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/answers.py" line="138"/>
        <source>%1 did not reach the edge: %2</source>
        <translation>%1 did not reach the edge: %2</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/answers.py" line="151"/>
        <source>%1: done</source>
        <translation>%1: done</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/answers.py" line="158"/>
        <source>%1 refused: %2 owns this request</source>
        <translation>%1 refused: %2 owns this request</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/answers.py" line="166"/>
        <source>%1 refused by the edge: %2</source>
        <translation>%1 refused by the edge: %2</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/answers.py" line="188"/>
        <location filename="../app/ui/assist/commands.py" line="66"/>
        <source>Claim</source>
        <translation>Claim</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/answers.py" line="231"/>
        <source>Route %1</source>
        <translation>Route %1</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/answers.py" line="245"/>
        <location filename="../app/ui/assist/commands.py" line="137"/>
        <source>Release</source>
        <translation>Release</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/answers.py" line="257"/>
        <location filename="../app/ui/assist/commands.py" line="143"/>
        <source>Transfer</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/commands.py" line="48"/>
        <source>Next</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/commands.py" line="49"/>
        <source>Select the next open request nobody owns</source>
        <translation>Select the next open request nobody owns</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/commands.py" line="54"/>
        <source>Down</source>
        <translation>Down</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/commands.py" line="55"/>
        <source>Select the request below in the queue</source>
        <translation>Select the request below in the queue</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/commands.py" line="60"/>
        <source>Up</source>
        <translation>Up</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/commands.py" line="61"/>
        <source>Select the request above in the queue</source>
        <translation>Select the request above in the queue</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/commands.py" line="67"/>
        <source>Take the selected request (the edge node decides who owns it)</source>
        <translation>Take the selected request (the edge node decides who owns it)</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/commands.py" line="74"/>
        <source>Confirm</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/commands.py" line="75"/>
        <source>Confirm the proposed action; the vehicle asks its governor again</source>
        <translation>Confirm the proposed action; the vehicle asks its governor again</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/commands.py" line="84"/>
        <source>Deny</source>
        <translation>Deny</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/commands.py" line="85"/>
        <source>Deny the proposed action; the vehicle stops and waits for a task</source>
        <translation>Deny the proposed action; the vehicle stops and waits for a task</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/commands.py" line="92"/>
        <source>Hold</source>
        <translation>Hold</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/commands.py" line="93"/>
        <source>Keep the vehicle holding until a new task</source>
        <translation>Keep the vehicle holding until a new task</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/commands.py" line="98"/>
        <source>Safe stop</source>
        <translation>Safe stop</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/commands.py" line="99"/>
        <source>Stop the vehicle safely (latched)</source>
        <translation>Stop the vehicle safely (latched)</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/commands.py" line="105"/>
        <source>Choose route</source>
        <translation>Choose route</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/commands.py" line="106"/>
        <source>Choose one of the dispatcher&apos;s routes for the vehicle; its edge node re-checks it</source>
        <translation>Choose one of the dispatcher&apos;s routes for the vehicle; its edge node re-checks it</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/commands.py" line="114"/>
        <source>Override</source>
        <translation>Override</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/commands.py" line="115"/>
        <source>Waive the rules that escalated for the minutes set, within your role&apos;s limits</source>
        <translation>Waive the rules that escalated for the minutes set, within your role&apos;s limits</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/commands.py" line="123"/>
        <source>Close zone</source>
        <translation>Close zone</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/commands.py" line="124"/>
        <source>Close the request&apos;s zone to every vehicle (the vehicle holds)</source>
        <translation>Close the request&apos;s zone to every vehicle (the vehicle holds)</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/commands.py" line="131"/>
        <source>Open zone</source>
        <translation>Open zone</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/commands.py" line="132"/>
        <source>Reopen a zone an operator closed (supervisors only)</source>
        <translation>Reopen a zone an operator closed (supervisors only)</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/commands.py" line="138"/>
        <source>Give the request back to the queue</source>
        <translation>Give the request back to the queue</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/commands.py" line="144"/>
        <source>Hand the request to the operator named beside, or to the supervisors if none</source>
        <translation>Hand the request to the operator named beside, or to the supervisors if none</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/workspace.py" line="438"/>
        <source>New critical request: vehicle %1. Press N to select it.</source>
        <translation>New critical request: vehicle %1. Press N to select it.</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/workspace.py" line="460"/>
        <source>Open %1 (unclaimed %2, critical %3) · oldest %4 s · answered %5/h · expired %6/h</source>
        <translation>Open %1 (unclaimed %2, critical %3) · oldest %4 s · answered %5/h · expired %6/h</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/workspace.py" line="471"/>
        <source>%1 on a link that is down</source>
        <translation>%1 on a link that is down</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/workspace.py" line="510"/>
        <source>Answer all alike</source>
        <translation>Answer all alike</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/workspace.py" line="512"/>
        <source>One answer resolves every open request at the same place for the same reason</source>
        <translation>One answer resolves every open request at the same place for the same reason</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/workspace.py" line="514"/>
        <source>Override minutes</source>
        <translation>Override minutes</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/workspace.py" line="515"/>
        <source>How long an override lasts (your role&apos;s limit)</source>
        <translation>How long an override lasts (your role&apos;s limit)</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/workspace.py" line="516"/>
        <source>Transfer to (empty: supervisors)</source>
        <translation>Transfer to (empty: supervisors)</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/routes.py" line="144"/>
        <source>Claim the request first: only its owner may answer.</source>
        <translation>Claim the request first: only its owner may answer.</translation>
    </message>
    <message>
        <location filename="../app/ui/assist/routes.py" line="157"/>
        <source>This route has %1 road nodes; an answer carries at most %2.</source>
        <translation>This route has %1 road nodes; an answer carries at most %2.</translation>
    </message>
</context>
<context>
    <name>CommandPalette</name>
    <message>
        <location filename="../app/ui/palette.py" line="122"/>
        <source>Type a command…</source>
        <translation>Type a command…</translation>
    </message>
    <message>
        <location filename="../app/ui/palette.py" line="123"/>
        <source>Enter runs the highlighted command; Escape closes</source>
        <translation>Enter runs the highlighted command; Escape closes</translation>
    </message>
</context>
<context>
    <name>ConfirmBar</name>
    <message>
        <location filename="../app/ui/banners.py" line="221"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../app/ui/banners.py" line="222"/>
        <source>Do not send the command</source>
        <translation>Do not send the command</translation>
    </message>
</context>
<context>
    <name>ConsoleStatusBar</name>
    <message>
        <location filename="../app/ui/status_bar.py" line="111"/>
        <source>Site: %1</source>
        <translation>Site: %1</translation>
    </message>
    <message>
        <location filename="../app/ui/status_bar.py" line="114"/>
        <source>Site id %1</source>
        <translation>Site id %1</translation>
    </message>
    <message>
        <location filename="../app/ui/status_bar.py" line="119"/>
        <source>Operator: %1</source>
        <translation>Operator: %1</translation>
    </message>
    <message>
        <location filename="../app/ui/status_bar.py" line="122"/>
        <source>Commands from this console carry this name</source>
        <translation>Commands from this console carry this name</translation>
    </message>
    <message>
        <location filename="../app/ui/status_bar.py" line="125"/>
        <source>⚠ No operator signed in</source>
        <translation>⚠ No operator signed in</translation>
    </message>
    <message>
        <location filename="../app/ui/status_bar.py" line="127"/>
        <source>Commands are refused until an operator signs in (Operator panel)</source>
        <translation>Commands are refused until an operator signs in (Operator panel)</translation>
    </message>
    <message>
        <location filename="../app/ui/status_bar.py" line="131"/>
        <source>Links: —</source>
        <translation>Links: —</translation>
    </message>
    <message>
        <location filename="../app/ui/status_bar.py" line="132"/>
        <source>Vehicles: —</source>
        <translation>Vehicles: —</translation>
    </message>
    <message>
        <location filename="../app/ui/status_bar.py" line="135"/>
        <source>Links: %1 up, %2 down</source>
        <translation>Links: %1 up, %2 down</translation>
    </message>
    <message>
        <location filename="../app/ui/status_bar.py" line="140"/>
        <source>Vehicles: %1 (%2 stale)</source>
        <translation>Vehicles: %1 (%2 stale)</translation>
    </message>
    <message>
        <location filename="../app/ui/status_bar.py" line="144"/>
        <source>Edge nodes connected and not connected</source>
        <translation>Edge nodes connected and not connected</translation>
    </message>
    <message>
        <location filename="../app/ui/status_bar.py" line="146"/>
        <source>Policy: unknown</source>
        <translation>Policy: unknown</translation>
    </message>
    <message>
        <location filename="../app/ui/status_bar.py" line="148"/>
        <source>Policy: %1</source>
        <translation>Policy: %1</translation>
    </message>
    <message>
        <location filename="../app/ui/status_bar.py" line="149"/>
        <source>The policy bundle the edge nodes enforce</source>
        <translation>The policy bundle the edge nodes enforce</translation>
    </message>
    <message>
        <location filename="../app/ui/status_bar.py" line="150"/>
        <source>Sound off</source>
        <translation>Sound off</translation>
    </message>
    <message>
        <location filename="../app/ui/status_bar.py" line="150"/>
        <source>Sound on</source>
        <translation>Sound on</translation>
    </message>
    <message>
        <location filename="../app/ui/status_bar.py" line="151"/>
        <source>Sound for new critical alerts</source>
        <translation>Sound for new critical alerts</translation>
    </message>
    <message>
        <location filename="../app/ui/status_bar.py" line="160"/>
        <source>⚠ INSECURE: %1 links without authentication (development)</source>
        <translation>⚠ INSECURE: %1 links without authentication (development)</translation>
    </message>
    <message>
        <location filename="../app/ui/status_bar.py" line="166"/>
        <source>Plain %1 links: anyone on the network can read and command. Never use this mode on a real site.</source>
        <translation>Plain %1 links: anyone on the network can read and command. Never use this mode on a real site.</translation>
    </message>
    <message>
        <location filename="../app/ui/status_bar.py" line="173"/>
        <source>Links: mutual TLS</source>
        <translation>Links: mutual TLS</translation>
    </message>
    <message>
        <location filename="../app/ui/status_bar.py" line="175"/>
        <source>Every edge link is encrypted and both ends proved their certificates</source>
        <translation>Every edge link is encrypted and both ends proved their certificates</translation>
    </message>
</context>
<context>
    <name>ConsoleWindow</name>
    <message>
        <location filename="../app/ui/window_actions.py" line="224"/>
        <source>&amp;Operations</source>
        <translation>&amp;Operations</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="236"/>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="242"/>
        <source>&amp;Map</source>
        <translation>&amp;Map</translation>
    </message>
    <message>
        <location filename="../app/ui/window_actions.py" line="249"/>
        <source>&amp;Settings</source>
        <translation>&amp;Settings</translation>
    </message>
    <message>
        <location filename="../app/ui/main_window.py" line="380"/>
        <source>Select a vehicle first (map or fleet table).</source>
        <translation>Select a vehicle first (map or fleet table).</translation>
    </message>
    <message>
        <location filename="../app/ui/main_window.py" line="387"/>
        <source>Emergency stop ALL %1 vehicles on the site?</source>
        <translation>Emergency stop ALL %1 vehicles on the site?</translation>
    </message>
    <message>
        <location filename="../app/ui/main_window.py" line="390"/>
        <source>STOP ALL</source>
        <translation>STOP ALL</translation>
    </message>
    <message>
        <location filename="../app/ui/main_window.py" line="400"/>
        <source>Emergency stop vehicle %1?</source>
        <translation>Emergency stop vehicle %1?</translation>
    </message>
    <message>
        <location filename="../app/ui/main_window.py" line="401"/>
        <source>STOP</source>
        <translation>STOP</translation>
    </message>
    <message>
        <location filename="../app/ui/main_window.py" line="411"/>
        <source>Resume vehicle %1? Check the area is clear.</source>
        <translation>Resume vehicle %1? Check the area is clear.</translation>
    </message>
    <message>
        <location filename="../app/ui/main_window.py" line="412"/>
        <source>Resume</source>
        <translation>Resume</translation>
    </message>
    <message>
        <location filename="../app/ui/main_window.py" line="421"/>
        <source>Resume ALL vehicles? Check the site is clear.</source>
        <translation>Resume ALL vehicles? Check the site is clear.</translation>
    </message>
    <message>
        <location filename="../app/ui/main_window.py" line="422"/>
        <source>Resume all</source>
        <translation>Resume all</translation>
    </message>
    <message>
        <location filename="../app/ui/main_window.py" line="632"/>
        <source>AtlasMesh Control Center</source>
        <translation>AtlasMesh Control Center</translation>
    </message>
    <message>
        <location filename="../app/ui/main_window.py" line="640"/>
        <source>Layer: %1</source>
        <translation>Layer: %1</translation>
    </message>
</context>
<context>
    <name>CriticalBanner</name>
    <message>
        <location filename="../app/ui/banners.py" line="120"/>
        <source>CRITICAL</source>
        <translation>CRITICAL</translation>
    </message>
    <message>
        <location filename="../app/ui/banners.py" line="122"/>
        <source>(+%1 more)</source>
        <translation>(+%1 more)</translation>
    </message>
    <message>
        <location filename="../app/ui/banners.py" line="135"/>
        <source>Acknowledge</source>
        <translation>Acknowledge</translation>
    </message>
    <message>
        <location filename="../app/ui/banners.py" line="136"/>
        <source>Acknowledge every critical alert</source>
        <translation>Acknowledge every critical alert</translation>
    </message>
    <message>
        <location filename="../app/ui/banners.py" line="137"/>
        <source>Show alerts</source>
        <translation>Show alerts</translation>
    </message>
    <message>
        <location filename="../app/ui/banners.py" line="138"/>
        <source>Open the Alerts &amp; events panel</source>
        <translation>Open the Alerts &amp; events panel</translation>
    </message>
</context>
<context>
    <name>Dispatch</name>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="38"/>
        <source>Queued</source>
        <comment>task state</comment>
        <translation>Queued</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="39"/>
        <source>Assigned</source>
        <comment>task state</comment>
        <translation>Assigned</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="40"/>
        <source>Running</source>
        <comment>task state</comment>
        <translation>Running</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="41"/>
        <source>Done</source>
        <comment>task state</comment>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="42"/>
        <source>Failed</source>
        <comment>task state</comment>
        <translation>Failed</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="49"/>
        <source>Available</source>
        <comment>vehicle dispatch status</comment>
        <translation>Available</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="50"/>
        <source>Busy</source>
        <comment>vehicle dispatch status</comment>
        <translation>Busy</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="51"/>
        <source>Held</source>
        <comment>vehicle dispatch status</comment>
        <translation>Held</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="52"/>
        <source>Fault</source>
        <comment>vehicle dispatch status</comment>
        <translation>Fault</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="53"/>
        <source>Offline</source>
        <comment>vehicle dispatch status</comment>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="77"/>
        <source>Operator override: pinned to %1</source>
        <translation>Operator override: pinned to %1</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="81"/>
        <source>Operator override: vehicle held</source>
        <translation>Operator override: vehicle held</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="83"/>
        <source>Operator override: vehicle released</source>
        <translation>Operator override: vehicle released</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="84"/>
        <source>Operator override</source>
        <translation>Operator override</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="88"/>
        <source>Assigned by the optimiser (cost %1 s)</source>
        <translation>Assigned by the optimiser (cost %1 s)</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="92"/>
        <source>Assigned: pinned by an operator</source>
        <translation>Assigned: pinned by an operator</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="93"/>
        <source>Assigned</source>
        <translation>Assigned</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="98"/>
        <source>Refused by %1 (%2)</source>
        <translation>Refused by %1 (%2)</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="103"/>
        <source>No route after a road or zone closure</source>
        <translation>No route after a road or zone closure</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="105"/>
        <source>Started by the vehicle</source>
        <translation>Started by the vehicle</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="106"/>
        <source>Completed</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="111"/>
        <source>Cancelled: %1</source>
        <translation>Cancelled: %1</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="112"/>
        <source>Vehicle fault: %1</source>
        <translation>Vehicle fault: %1</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="113"/>
        <source>Vehicle offline: %1</source>
        <translation>Vehicle offline: %1</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="114"/>
        <source>Route lost: %1</source>
        <translation>Route lost: %1</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="115"/>
        <source>Could not be planned: %1</source>
        <translation>Could not be planned: %1</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="116"/>
        <source>Failed on the vehicle: %1</source>
        <translation>Failed on the vehicle: %1</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="117"/>
        <source>Rejected by the vehicle: %1</source>
        <translation>Rejected by the vehicle: %1</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="127"/>
        <source>Dispatcher</source>
        <comment>who made a task change</comment>
        <translation>Dispatcher</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="134"/>
        <source>t/h</source>
        <comment>unit: tonnes per hour</comment>
        <translation>t/h</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="135"/>
        <source>s</source>
        <comment>unit: seconds</comment>
        <translation>s</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="136"/>
        <source>min</source>
        <comment>unit: minutes</comment>
        <translation>min</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="137"/>
        <source>h</source>
        <comment>unit: hours</comment>
        <translation>h</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="139"/>
        <source>m</source>
        <comment>unit: metres</comment>
        <translation>m</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="140"/>
        <source>km</source>
        <comment>unit: kilometres</comment>
        <translation>km</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="141"/>
        <source>km/h</source>
        <comment>unit: kilometres per hour</comment>
        <translation>km/h</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/texts.py" line="142"/>
        <source>moves/h</source>
        <comment>unit: moves per hour</comment>
        <translation>moves/h</translation>
    </message>
</context>
<context>
    <name>DispatchConsole</name>
    <message>
        <location filename="../app/ui/dispatch/console.py" line="184"/>
        <location filename="../app/ui/dispatch/console.py" line="399"/>
        <source>Select a vehicle first (map, fleet table or task board).</source>
        <translation>Select a vehicle first (map, fleet table or task board).</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/console.py" line="191"/>
        <location filename="../app/ui/dispatch/console.py" line="295"/>
        <source>Select a task on the board first.</source>
        <translation>Select a task on the board first.</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/console.py" line="198"/>
        <location filename="../app/ui/dispatch/console.py" line="246"/>
        <source>Vehicle %1 is not dispatched on this site.</source>
        <translation>Vehicle %1 is not dispatched on this site.</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/console.py" line="207"/>
        <location filename="../app/ui/dispatch/console.py" line="302"/>
        <source>Task %1 is already %2.</source>
        <translation>Task %1 is already %2.</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/console.py" line="214"/>
        <source>Task %1 needs %2; vehicle %3 is %4.</source>
        <translation>Task %1 needs %2; vehicle %3 is %4.</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/console.py" line="223"/>
        <source>Vehicle %1 is %2: it cannot take a task.</source>
        <translation>Vehicle %1 is %2: it cannot take a task.</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/console.py" line="232"/>
        <source>Vehicle %1 pinned to task %2.</source>
        <translation>Vehicle %1 pinned to task %2.</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/console.py" line="253"/>
        <source>Vehicle %1 is already held.</source>
        <translation>Vehicle %1 is already held.</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/console.py" line="261"/>
        <source>Vehicle %1 held: out of dispatch until released.</source>
        <translation>Vehicle %1 held: out of dispatch until released.</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/console.py" line="275"/>
        <source>Vehicle %1 is not held.</source>
        <translation>Vehicle %1 is not held.</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/console.py" line="282"/>
        <source>Vehicle %1 released to dispatch.</source>
        <translation>Vehicle %1 released to dispatch.</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/console.py" line="309"/>
        <source>Cancel task %1? Its vehicle becomes free.</source>
        <translation>Cancel task %1? Its vehicle becomes free.</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/console.py" line="312"/>
        <source>Cancel task</source>
        <translation>Cancel task</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/console.py" line="315"/>
        <source>Task %1 cancelled.</source>
        <translation>Task %1 cancelled.</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/console.py" line="351"/>
        <source>Route not sent: %1</source>
        <translation>Route not sent: %1</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/console.py" line="358"/>
        <source>Route %1 sent to vehicle %2.</source>
        <translation>Route %1 sent to vehicle %2.</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/console.py" line="364"/>
        <source>Sending route %1…</source>
        <translation>Sending route %1…</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/console.py" line="377"/>
        <source>No dispatcher on this site.</source>
        <translation>No dispatcher on this site.</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/console.py" line="382"/>
        <source>Sign in first: overrides are recorded with the operator&apos;s name.</source>
        <translation>Sign in first: overrides are recorded with the operator&apos;s name.</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/console.py" line="417"/>
        <source>Refused by the dispatcher: %1</source>
        <translation>Refused by the dispatcher: %1</translation>
    </message>
</context>
<context>
    <name>EdgeLinksModel</name>
    <message>
        <location filename="../app/ui/panels/links.py" line="132"/>
        <source>Edge node</source>
        <translation>Edge node</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/links.py" line="133"/>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/links.py" line="134"/>
        <source>Round trip</source>
        <translation>Round trip</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/links.py" line="135"/>
        <source>Messages/s</source>
        <translation>Messages/s</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/links.py" line="136"/>
        <source>Vehicles</source>
        <translation>Vehicles</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/links.py" line="137"/>
        <source>Reconnects</source>
        <translation>Reconnects</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/links.py" line="138"/>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/links.py" line="139"/>
        <source>Last error</source>
        <translation>Last error</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/links.py" line="147"/>
        <source>Disconnected</source>
        <translation>Disconnected</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/links.py" line="150"/>
        <source>Reconnecting</source>
        <translation>Reconnecting</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/links.py" line="152"/>
        <source>Connected</source>
        <translation>Connected</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/links.py" line="153"/>
        <source>Degraded</source>
        <translation>Degraded</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/links.py" line="154"/>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/links.py" line="185"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
</context>
<context>
    <name>EdgeLinksPanel</name>
    <message>
        <location filename="../app/ui/panels/links.py" line="62"/>
        <source>The address must start with ws:// or wss:// (for example %1).</source>
        <translation>The address must start with ws:// or wss:// (for example %1).</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/links.py" line="72"/>
        <source>The address needs a host and a port, as in %1.</source>
        <translation>The address needs a host and a port, as in %1.</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/links.py" line="319"/>
        <source>Connect</source>
        <translation>Connect</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/links.py" line="320"/>
        <source>Connect to the selected edge node again</source>
        <translation>Connect to the selected edge node again</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/links.py" line="321"/>
        <source>Disconnect</source>
        <translation>Disconnect</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/links.py" line="323"/>
        <source>Close the link to the selected edge node; its vehicles keep running safely</source>
        <translation>Close the link to the selected edge node; its vehicles keep running safely</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/links.py" line="326"/>
        <source>New edge node address, e.g. %1</source>
        <translation>New edge node address, e.g. %1</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/links.py" line="328"/>
        <source>Address of an edge node to connect to</source>
        <translation>Address of an edge node to connect to</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/links.py" line="329"/>
        <source>Add endpoint</source>
        <translation>Add endpoint</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/links.py" line="330"/>
        <source>Connect to the edge node at this address</source>
        <translation>Connect to the edge node at this address</translation>
    </message>
</context>
<context>
    <name>FleetPanel</name>
    <message>
        <location filename="../app/ui/fleet/panel.py" line="256"/>
        <source>Showing %1 of %2 vehicles</source>
        <translation>Showing %1 of %2 vehicles</translation>
    </message>
    <message>
        <location filename="../app/ui/fleet/panel.py" line="271"/>
        <source>%1: show or hide these vehicles</source>
        <translation>%1: show or hide these vehicles</translation>
    </message>
    <message>
        <location filename="../app/ui/fleet/panel.py" line="277"/>
        <source>Moving</source>
        <comment>state chip</comment>
        <translation>Moving</translation>
    </message>
    <message>
        <location filename="../app/ui/fleet/panel.py" line="278"/>
        <source>Working</source>
        <comment>state chip: idle, loading or dumping</comment>
        <translation>Working</translation>
    </message>
    <message>
        <location filename="../app/ui/fleet/panel.py" line="279"/>
        <source>Holding</source>
        <comment>state chip</comment>
        <translation>Holding</translation>
    </message>
    <message>
        <location filename="../app/ui/fleet/panel.py" line="280"/>
        <source>Assist</source>
        <comment>state chip: assistance needed</comment>
        <translation>Assist</translation>
    </message>
    <message>
        <location filename="../app/ui/fleet/panel.py" line="281"/>
        <source>Fault</source>
        <comment>state chip: fault or safe stop</comment>
        <translation>Fault</translation>
    </message>
    <message>
        <location filename="../app/ui/fleet/panel.py" line="282"/>
        <source>Stale</source>
        <comment>state chip: no recent telemetry</comment>
        <translation>Stale</translation>
    </message>
    <message>
        <location filename="../app/ui/fleet/panel.py" line="286"/>
        <source>Filter by vehicle, class, state or task…</source>
        <translation>Filter by vehicle, class, state or task…</translation>
    </message>
    <message>
        <location filename="../app/ui/fleet/panel.py" line="287"/>
        <source>Fleet filter</source>
        <translation>Fleet filter</translation>
    </message>
    <message>
        <location filename="../app/ui/fleet/panel.py" line="288"/>
        <source>Group by class</source>
        <translation>Group by class</translation>
    </message>
    <message>
        <location filename="../app/ui/fleet/panel.py" line="289"/>
        <source>Fleet table</source>
        <translation>Fleet table</translation>
    </message>
</context>
<context>
    <name>FleetTableModel</name>
    <message>
        <location filename="../app/ui/fleet/model.py" line="69"/>
        <source>Vehicle</source>
        <comment>table column: vehicle id</comment>
        <translation>Vehicle</translation>
    </message>
    <message>
        <location filename="../app/ui/fleet/model.py" line="72"/>
        <source>Class</source>
        <comment>table column: vehicle class</comment>
        <translation>Class</translation>
    </message>
    <message>
        <location filename="../app/ui/fleet/model.py" line="75"/>
        <source>State</source>
        <comment>table column: vehicle state</comment>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../app/ui/fleet/model.py" line="78"/>
        <source>Mode</source>
        <comment>table column: control mode</comment>
        <translation>Mode</translation>
    </message>
    <message>
        <location filename="../app/ui/fleet/model.py" line="81"/>
        <source>Speed (km/h)</source>
        <translation>Speed (km/h)</translation>
    </message>
    <message>
        <location filename="../app/ui/fleet/model.py" line="82"/>
        <source>Energy (%)</source>
        <comment>battery or fuel level</comment>
        <translation>Energy (%)</translation>
    </message>
    <message>
        <location filename="../app/ui/fleet/model.py" line="86"/>
        <source>Link (%)</source>
        <comment>radio link quality</comment>
        <translation>Link (%)</translation>
    </message>
    <message>
        <location filename="../app/ui/fleet/model.py" line="89"/>
        <source>Last seen</source>
        <comment>time of the latest telemetry</comment>
        <translation>Last seen</translation>
    </message>
    <message>
        <location filename="../app/ui/fleet/model.py" line="85"/>
        <source>Task</source>
        <translation>Task</translation>
    </message>
</context>
<context>
    <name>KpisPanel</name>
    <message>
        <location filename="../app/ui/panels/kpis.py" line="155"/>
        <source>%1 (%2 stale)</source>
        <translation>%1 (%2 stale)</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/kpis.py" line="164"/>
        <source>%1 / %2 ms</source>
        <translation>%1 / %2 ms</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/kpis.py" line="198"/>
        <source>Vehicles</source>
        <translation>Vehicles</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/kpis.py" line="199"/>
        <source>Updates/s</source>
        <translation>Updates/s</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/kpis.py" line="200"/>
        <source>Latency p50 / p99</source>
        <translation>Latency p50 / p99</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/kpis.py" line="201"/>
        <source>Receipts/s</source>
        <translation>Receipts/s</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/kpis.py" line="206"/>
        <source>Time from a vehicle&apos;s sample to the console, median and 99th percentile</source>
        <translation>Time from a vehicle&apos;s sample to the console, median and 99th percentile</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/kpis.py" line="208"/>
        <source>Telemetry updates and receipts per second</source>
        <translation>Telemetry updates and receipts per second</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/kpis.py" line="209"/>
        <source>End-to-end latency (ms)</source>
        <translation>End-to-end latency (ms)</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/kpis.py" line="210"/>
        <source>Vehicles by state</source>
        <translation>Vehicles by state</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/kpis.py" line="212"/>
        <source>seconds</source>
        <translation>seconds</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/kpis.py" line="213"/>
        <source>updates/s</source>
        <translation>updates/s</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/kpis.py" line="214"/>
        <source>receipts/s</source>
        <translation>receipts/s</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/kpis.py" line="215"/>
        <source>p50</source>
        <translation>p50</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/kpis.py" line="216"/>
        <source>p99</source>
        <translation>p99</translation>
    </message>
</context>
<context>
    <name>OperatorPanel</name>
    <message>
        <location filename="../app/ui/panels/operator.py" line="144"/>
        <source>Signed in: %1</source>
        <translation>Signed in: %1</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/operator.py" line="146"/>
        <source>No operator signed in</source>
        <translation>No operator signed in</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/operator.py" line="147"/>
        <source>User name</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/operator.py" line="148"/>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/operator.py" line="149"/>
        <source>Sign in</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/operator.py" line="150"/>
        <source>Sign in as another operator on this console</source>
        <translation>Sign in as another operator on this console</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/operator.py" line="151"/>
        <source>Sign out</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/operator.py" line="152"/>
        <source>End the current operator&apos;s session</source>
        <translation>End the current operator&apos;s session</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/operator.py" line="155"/>
        <source>Enter your user name and password.</source>
        <translation>Enter your user name and password.</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/operator.py" line="157"/>
        <source>Sign-in refused: wrong user name or password, or the account is disabled.</source>
        <translation>Sign-in refused: wrong user name or password, or the account is disabled.</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/operator.py" line="160"/>
        <source>Signed out. Commands are refused until an operator signs in.</source>
        <translation>Signed out. Commands are refused until an operator signs in.</translation>
    </message>
</context>
<context>
    <name>PackKpisPanel</name>
    <message>
        <location filename="../app/ui/panels/kpis.py" line="378"/>
        <source>%1 %2</source>
        <comment>value and unit</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/kpis.py" line="431"/>
        <source>Simulated ×%1: the vehicles are simulated and run %1 times faster than real time; these figures are per simulated hour, not a real site&apos;s output.</source>
        <translation>Simulated ×%1: the vehicles are simulated and run %1 times faster than real time; these figures are per simulated hour, not a real site&apos;s output.</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/kpis.py" line="439"/>
        <source>minutes</source>
        <translation>minutes</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/kpis.py" line="445"/>
        <source>higher is better</source>
        <translation>higher is better</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/kpis.py" line="447"/>
        <source>lower is better</source>
        <translation>lower is better</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/kpis.py" line="454"/>
        <source>target %1, %2</source>
        <translation>target %1, %2</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/kpis.py" line="473"/>
        <source>No dispatcher on this site: the sector packs&apos; KPIs (tonnes per hour, queue and cycle times) appear here once a pack with task types is enabled.</source>
        <translation>No dispatcher on this site: the sector packs&apos; KPIs (tonnes per hour, queue and cycle times) appear here once a pack with task types is enabled.</translation>
    </message>
</context>
<context>
    <name>PacksPanel</name>
    <message>
        <location filename="../app/ui/packs_panel.py" line="55"/>
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="56"/>
        <source>Not enabled for this site</source>
        <translation>Not enabled for this site</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="57"/>
        <source>Refused</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="58"/>
        <source>Quarantined</source>
        <translation>Quarantined</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="71"/>
        <source>the pack&apos;s module does not import</source>
        <translation>the pack&apos;s module does not import</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="72"/>
        <source>Install or repair the pack, then restart the console.</source>
        <translation>Install or repair the pack, then restart the console.</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="77"/>
        <source>the pack&apos;s manifest is not valid</source>
        <translation>the pack&apos;s manifest is not valid</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="78"/>
        <source>The pack&apos;s author must fix its manifest.</source>
        <translation>The pack&apos;s author must fix its manifest.</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="81"/>
        <source>the pack targets another version of the plugin API</source>
        <translation>the pack targets another version of the plugin API</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="84"/>
        <source>Install a version of the pack made for this console.</source>
        <translation>Install a version of the pack made for this console.</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="89"/>
        <source>the pack failed or gave malformed data while loading</source>
        <translation>the pack failed or gave malformed data while loading</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="92"/>
        <source>The pack&apos;s author must fix the hook named; the other packs work as usual.</source>
        <translation>The pack&apos;s author must fix the hook named; the other packs work as usual.</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="98"/>
        <source>the pack uses an id another pack uses</source>
        <translation>the pack uses an id another pack uses</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="99"/>
        <source>Enable only one of the two packs for this site, or update one.</source>
        <translation>Enable only one of the two packs for this site, or update one.</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="104"/>
        <source>the pack needs another pack that is not enabled or not installed</source>
        <translation>the pack needs another pack that is not enabled or not installed</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="107"/>
        <source>Enable or install the pack it needs for this site.</source>
        <translation>Enable or install the pack it needs for this site.</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="112"/>
        <source>the site&apos;s settings for this pack are not valid</source>
        <translation>the site&apos;s settings for this pack are not valid</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="115"/>
        <source>Correct the pack&apos;s section of the site&apos;s configuration file.</source>
        <translation>Correct the pack&apos;s section of the site&apos;s configuration file.</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="120"/>
        <source>the site enables this pack but it is not installed</source>
        <translation>the site enables this pack but it is not installed</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="123"/>
        <source>Install the pack, or remove it from the site&apos;s enabled packs.</source>
        <translation>Install the pack, or remove it from the site&apos;s enabled packs.</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="135"/>
        <source>parameters</source>
        <translation>parameters</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="136"/>
        <source>vehicle profiles</source>
        <translation>vehicle profiles</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="137"/>
        <source>rules</source>
        <translation>rules</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="138"/>
        <source>task types</source>
        <translation>task types</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="139"/>
        <source>zone kinds</source>
        <translation>zone kinds</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="140"/>
        <source>map layers</source>
        <translation>map layers</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="141"/>
        <source>KPIs</source>
        <translation>KPIs</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="142"/>
        <source>assist playbooks</source>
        <translation>assist playbooks</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="143"/>
        <source>translations</source>
        <translation>translations</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="144"/>
        <source>console panels</source>
        <translation>console panels</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="145"/>
        <source>audit defaults</source>
        <translation>audit defaults</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="167"/>
        <source>%1 (details: %2)</source>
        <translation>%1 (details: %2)</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="221"/>
        <source>Pack</source>
        <translation>Pack</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="222"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="223"/>
        <source>Plugin API</source>
        <translation>Plugin API</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="224"/>
        <source>Compatible</source>
        <translation>Compatible</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="225"/>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="226"/>
        <source>Provides</source>
        <translation>Provides</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="279"/>
        <source>Unknown</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="281"/>
        <source>Yes</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="283"/>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="294"/>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="159"/>
        <source>in hook %1</source>
        <translation>in hook %1</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="173"/>
        <source>%1 %2 %3: what is wrong: %4. What to do: %5</source>
        <translation>%1 %2 %3: what is wrong: %4. What to do: %5</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="355"/>
        <source>Sector packs: %1 active, %2 with problems, %3 found</source>
        <translation>Sector packs: %1 active, %2 with problems, %3 found</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="364"/>
        <source>Problems</source>
        <translation>Problems</translation>
    </message>
    <message>
        <location filename="../app/ui/packs_panel.py" line="366"/>
        <source>No pack problems</source>
        <translation>No pack problems</translation>
    </message>
</context>
<context>
    <name>Panels</name>
    <message>
        <location filename="../app/ui/main_window.py" line="177"/>
        <source>Site map</source>
        <translation>Site map</translation>
    </message>
    <message>
        <location filename="../app/ui/main_window.py" line="178"/>
        <source>Fleet</source>
        <translation>Fleet</translation>
    </message>
    <message>
        <location filename="../app/ui/main_window.py" line="180"/>
        <source>Alerts &amp; events</source>
        <translation>Alerts &amp; events</translation>
    </message>
    <message>
        <location filename="../app/ui/main_window.py" line="183"/>
        <source>Assist queue</source>
        <translation>Assist queue</translation>
    </message>
    <message>
        <location filename="../app/ui/main_window.py" line="185"/>
        <source>Edge links</source>
        <translation>Edge links</translation>
    </message>
    <message>
        <location filename="../app/ui/main_window.py" line="186"/>
        <source>KPIs</source>
        <translation>KPIs</translation>
    </message>
    <message>
        <location filename="../app/ui/main_window.py" line="187"/>
        <source>Tasks</source>
        <translation>Tasks</translation>
    </message>
    <message>
        <location filename="../app/ui/main_window.py" line="189"/>
        <source>Route choice</source>
        <translation>Route choice</translation>
    </message>
    <message>
        <location filename="../app/ui/main_window.py" line="193"/>
        <source>Operations KPIs</source>
        <translation>Operations KPIs</translation>
    </message>
    <message>
        <location filename="../app/ui/pack_panels.py" line="69"/>
        <source>Sector packs</source>
        <translation>Sector packs</translation>
    </message>
    <message>
        <location filename="../app/ui/panels/operator.py" line="169"/>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
</context>
<context>
    <name>RouteChooserPanel</name>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="160"/>
        <source>Select a vehicle first (map, fleet table or task board).</source>
        <translation>Select a vehicle first (map, fleet table or task board).</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="177"/>
        <source>One route: no other trades time, energy or risk differently.</source>
        <translation>One route: no other trades time, energy or risk differently.</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="179"/>
        <source>Two routes, neither better than the other on every criterion.</source>
        <translation>Two routes, neither better than the other on every criterion.</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="181"/>
        <source>%1 routes that do not dominate one another.</source>
        <translation>%1 routes that do not dominate one another.</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="185"/>
        <source>The search stopped at its bound: others may exist.</source>
        <translation>The search stopped at its bound: others may exist.</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="203"/>
        <source>No route from vehicle %1 to %2: %3</source>
        <translation>No route from vehicle %1 to %2: %3</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="213"/>
        <source>No route to this destination under the active policy.</source>
        <translation>No route to this destination under the active policy.</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="253"/>
        <source>%1 MJ</source>
        <translation>%1 MJ</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="255"/>
        <source>%1 km</source>
        <translation>%1 km</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="285"/>
        <source>Dominated by route %1: worse on every criterion</source>
        <translation>Dominated by route %1: worse on every criterion</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="290"/>
        <source>Fastest</source>
        <translation>Fastest</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="292"/>
        <source>time</source>
        <translation>time</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="292"/>
        <source>energy</source>
        <translation>energy</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="292"/>
        <source>risk</source>
        <translation>risk</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="302"/>
        <source>Against the fastest: %1</source>
        <translation>Against the fastest: %1</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="321"/>
        <source>No dispatcher on this site: routes can be chosen once a sector pack with task types is enabled.</source>
        <translation>No dispatcher on this site: routes can be chosen once a sector pack with task types is enabled.</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="328"/>
        <source>Routes that trade time, energy and risk against one another: select one to preview it on the map, then send it to the vehicle.</source>
        <translation>Routes that trade time, energy and risk against one another: select one to preview it on the map, then send it to the vehicle.</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="336"/>
        <source>Vehicle %1</source>
        <translation>Vehicle %1</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="338"/>
        <source>No vehicle selected</source>
        <translation>No vehicle selected</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="340"/>
        <source>Destination</source>
        <translation>Destination</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="341"/>
        <source>Find routes</source>
        <translation>Find routes</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="342"/>
        <source>Send route</source>
        <translation>Send route</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="345"/>
        <source>#</source>
        <comment>route number</comment>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="346"/>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="347"/>
        <source>Energy</source>
        <translation>Energy</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="348"/>
        <source>Risk</source>
        <translation>Risk</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="349"/>
        <source>Length</source>
        <translation>Length</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/chooser.py" line="350"/>
        <source>Trade-off</source>
        <translation>Trade-off</translation>
    </message>
</context>
<context>
    <name>SiteMapView</name>
    <message>
        <location filename="../app/ui/map/overlays.py" line="30"/>
        <source>Moving</source>
        <comment>vehicle state group</comment>
        <translation>Moving</translation>
    </message>
    <message>
        <location filename="../app/ui/map/overlays.py" line="33"/>
        <source>Working / idle</source>
        <comment>vehicle state group: idle, loading or dumping</comment>
        <translation>Working / idle</translation>
    </message>
    <message>
        <location filename="../app/ui/map/overlays.py" line="36"/>
        <source>Holding</source>
        <comment>vehicle state group</comment>
        <translation>Holding</translation>
    </message>
    <message>
        <location filename="../app/ui/map/overlays.py" line="39"/>
        <source>Assist needed</source>
        <comment>vehicle state group</comment>
        <translation>Assist needed</translation>
    </message>
    <message>
        <location filename="../app/ui/map/overlays.py" line="42"/>
        <source>Fault / safe stop</source>
        <comment>vehicle state group</comment>
        <translation>Fault / safe stop</translation>
    </message>
    <message>
        <location filename="../app/ui/map/overlays.py" line="45"/>
        <source>Stale (no telemetry)</source>
        <comment>vehicle state group</comment>
        <translation>Stale (no telemetry)</translation>
    </message>
    <message>
        <location filename="../app/ui/map/overlays.py" line="79"/>
        <location filename="../app/ui/map/view.py" line="144"/>
        <source>Vehicles</source>
        <translation>Vehicles</translation>
    </message>
    <message>
        <location filename="../app/ui/map/overlays.py" line="86"/>
        <location filename="../app/ui/map/site_layer.py" line="67"/>
        <source>Blast zone</source>
        <translation>Blast zone</translation>
    </message>
    <message>
        <location filename="../app/ui/map/overlays.py" line="91"/>
        <location filename="../app/ui/map/site_layer.py" line="68"/>
        <source>Closed road</source>
        <translation>Closed road</translation>
    </message>
    <message>
        <location filename="../app/ui/map/overlays.py" line="96"/>
        <location filename="../app/ui/map/site_layer.py" line="69"/>
        <source>Exclusion zone</source>
        <translation>Exclusion zone</translation>
    </message>
    <message>
        <location filename="../app/ui/map/overlays.py" line="104"/>
        <source>Closed by an operator</source>
        <comment>legend: zone closed at run time</comment>
        <translation>Closed by an operator</translation>
    </message>
    <message>
        <location filename="../app/ui/map/overlays.py" line="187"/>
        <source>%1 km</source>
        <translation>%1 km</translation>
    </message>
    <message>
        <location filename="../app/ui/map/overlays.py" line="191"/>
        <source>%1 m</source>
        <translation>%1 m</translation>
    </message>
    <message>
        <location filename="../app/ui/map/overlays.py" line="241"/>
        <source>N</source>
        <comment>north, on the map&apos;s north arrow</comment>
        <translation>N</translation>
    </message>
    <message>
        <location filename="../app/ui/map/site_layer.py" line="70"/>
        <source>Pedestrian area</source>
        <translation>Pedestrian area</translation>
    </message>
    <message>
        <location filename="../app/ui/map/site_layer.py" line="71"/>
        <source>Speed limit</source>
        <translation>Speed limit</translation>
    </message>
    <message>
        <location filename="../app/ui/map/site_layer.py" line="72"/>
        <source>Workshop area</source>
        <translation>Workshop area</translation>
    </message>
    <message>
        <location filename="../app/ui/map/site_layer.py" line="73"/>
        <source>Emission control (EMCON)</source>
        <translation>Emission control (EMCON)</translation>
    </message>
    <message>
        <location filename="../app/ui/map/site_layer.py" line="91"/>
        <source>Speed limit</source>
        <comment>VDA 5050 zone type</comment>
        <translation>Speed limit</translation>
    </message>
    <message>
        <location filename="../app/ui/map/site_layer.py" line="112"/>
        <source>Closed by %1</source>
        <comment>zone closed at run time; %1 operator</comment>
        <translation>Closed by %1</translation>
    </message>
    <message>
        <location filename="../app/ui/map/site_layer.py" line="116"/>
        <source>Closed by %1 until %2</source>
        <comment>zone closed at run time; %1 operator, %2 time</comment>
        <translation>Closed by %1 until %2</translation>
    </message>
    <message>
        <location filename="../app/ui/map/site_layer.py" line="264"/>
        <source>%1 km/h</source>
        <translation>%1 km/h</translation>
    </message>
    <message>
        <location filename="../app/ui/map/site_layer.py" line="270"/>
        <source>(inactive)</source>
        <comment>zone not in force</comment>
        <translation>(inactive)</translation>
    </message>
    <message>
        <location filename="../app/ui/map/site_layer.py" line="397"/>
        <source>Loading unit</source>
        <translation>Loading unit</translation>
    </message>
    <message>
        <location filename="../app/ui/map/site_layer.py" line="398"/>
        <source>Dump</source>
        <translation>Dump</translation>
    </message>
    <message>
        <location filename="../app/ui/map/site_layer.py" line="399"/>
        <source>Crusher</source>
        <translation>Crusher</translation>
    </message>
    <message>
        <location filename="../app/ui/map/site_layer.py" line="400"/>
        <source>Workshop</source>
        <translation>Workshop</translation>
    </message>
    <message>
        <location filename="../app/ui/map/site_layer.py" line="401"/>
        <source>Fuel bay</source>
        <translation>Fuel bay</translation>
    </message>
    <message>
        <location filename="../app/ui/map/site_layer.py" line="402"/>
        <source>Parking</source>
        <translation>Parking</translation>
    </message>
    <message>
        <location filename="../app/ui/map/view.py" line="158"/>
        <location filename="../app/ui/map/view.py" line="622"/>
        <source>Site map</source>
        <translation>Site map</translation>
    </message>
    <message>
        <location filename="../app/ui/map/view.py" line="128"/>
        <source>Zones</source>
        <translation>Zones</translation>
    </message>
    <message>
        <location filename="../app/ui/map/view.py" line="131"/>
        <source>Roads and ramps</source>
        <translation>Roads and ramps</translation>
    </message>
    <message>
        <location filename="../app/ui/map/view.py" line="136"/>
        <source>Points of interest</source>
        <translation>Points of interest</translation>
    </message>
    <message>
        <location filename="../app/ui/map/view.py" line="141"/>
        <source>Zone and place names</source>
        <translation>Zone and place names</translation>
    </message>
    <message>
        <location filename="../app/ui/map/view.py" line="147"/>
        <source>Vehicle labels</source>
        <translation>Vehicle labels</translation>
    </message>
    <message>
        <location filename="../app/ui/map/view.py" line="152"/>
        <source>Legend</source>
        <comment>map legend</comment>
        <translation>Legend</translation>
    </message>
    <message>
        <location filename="../app/ui/map/site_layer.py" line="81"/>
        <source>No entry</source>
        <comment>VDA 5050 zone type</comment>
        <translation>No entry</translation>
    </message>
    <message>
        <location filename="../app/ui/map/site_layer.py" line="82"/>
        <source>Line-guided</source>
        <comment>VDA 5050 zone type</comment>
        <translation>Line-guided</translation>
    </message>
    <message>
        <location filename="../app/ui/map/site_layer.py" line="85"/>
        <source>Release required</source>
        <comment>VDA 5050 zone type</comment>
        <translation>Release required</translation>
    </message>
    <message>
        <location filename="../app/ui/map/site_layer.py" line="88"/>
        <source>Coordinated replanning</source>
        <comment>VDA 5050 zone type</comment>
        <translation>Coordinated replanning</translation>
    </message>
    <message>
        <location filename="../app/ui/map/site_layer.py" line="94"/>
        <source>Action zone</source>
        <comment>VDA 5050 zone type</comment>
        <translation>Action zone</translation>
    </message>
    <message>
        <location filename="../app/ui/map/site_layer.py" line="95"/>
        <source>Priority zone</source>
        <comment>VDA 5050 zone type</comment>
        <translation>Priority zone</translation>
    </message>
    <message>
        <location filename="../app/ui/map/site_layer.py" line="98"/>
        <source>Penalty zone</source>
        <comment>VDA 5050 zone type</comment>
        <translation>Penalty zone</translation>
    </message>
    <message>
        <location filename="../app/ui/map/site_layer.py" line="99"/>
        <source>One-way</source>
        <comment>VDA 5050 zone type</comment>
        <translation>One-way</translation>
    </message>
    <message>
        <location filename="../app/ui/map/site_layer.py" line="100"/>
        <source>Two-way</source>
        <comment>VDA 5050 zone type</comment>
        <translation>Two-way</translation>
    </message>
    <message>
        <location filename="../app/ui/map/route_layer.py" line="38"/>
        <source>Vehicle routes</source>
        <comment>map layer</comment>
        <translation>Vehicle routes</translation>
    </message>
</context>
<context>
    <name>TaskBoard</name>
    <message>
        <location filename="../app/ui/dispatch/board.py" line="286"/>
        <source>Task</source>
        <translation>Task</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/board.py" line="287"/>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/board.py" line="288"/>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/board.py" line="289"/>
        <source>From → to</source>
        <translation>From → to</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/board.py" line="290"/>
        <source>Vehicle</source>
        <translation>Vehicle</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/board.py" line="291"/>
        <source>Priority</source>
        <translation>Priority</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/board.py" line="292"/>
        <source>Age</source>
        <translation>Age</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/board.py" line="293"/>
        <source>Last change</source>
        <translation>Last change</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/board.py" line="294"/>
        <source>By</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/board.py" line="335"/>
        <source>%1 → %2</source>
        <comment>origin to destination</comment>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/board.py" line="350"/>
        <source>%1 (override)</source>
        <translation>%1 (override)</translation>
    </message>
</context>
<context>
    <name>TaskBoardPanel</name>
    <message>
        <location filename="../app/ui/dispatch/board.py" line="627"/>
        <source>All types</source>
        <translation>All types</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/board.py" line="630"/>
        <source>All vehicles</source>
        <translation>All vehicles</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/board.py" line="656"/>
        <source>No vehicle selected</source>
        <translation>No vehicle selected</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/board.py" line="661"/>
        <source>Vehicle %1: not dispatched</source>
        <translation>Vehicle %1: not dispatched</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/board.py" line="665"/>
        <source>Vehicle %1: %2</source>
        <translation>Vehicle %1: %2</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/board.py" line="670"/>
        <source>(held by %1)</source>
        <translation>(held by %1)</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/board.py" line="673"/>
        <source>(pinned to %1 by %2)</source>
        <translation>(pinned to %1 by %2)</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/board.py" line="704"/>
        <source>No dispatcher on this site: enable a sector pack with task types to dispatch vehicles from here.</source>
        <translation>No dispatcher on this site: enable a sector pack with task types to dispatch vehicles from here.</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/board.py" line="711"/>
        <source>Filter tasks: id, place, vehicle, type</source>
        <translation>Filter tasks: id, place, vehicle, type</translation>
    </message>
    <message>
        <location filename="../app/ui/dispatch/board.py" line="712"/>
        <source>Reason for the override (recorded)</source>
        <translation>Reason for the override (recorded)</translation>
    </message>
</context>
<context>
    <name>VehicleStates</name>
    <message>
        <location filename="../app/ui/states.py" line="32"/>
        <source>Idle</source>
        <translation>Idle</translation>
    </message>
    <message>
        <location filename="../app/ui/states.py" line="33"/>
        <source>Moving</source>
        <translation>Moving</translation>
    </message>
    <message>
        <location filename="../app/ui/states.py" line="34"/>
        <source>Loading</source>
        <translation>Loading</translation>
    </message>
    <message>
        <location filename="../app/ui/states.py" line="35"/>
        <source>Dumping</source>
        <translation>Dumping</translation>
    </message>
    <message>
        <location filename="../app/ui/states.py" line="36"/>
        <source>Holding</source>
        <translation>Holding</translation>
    </message>
    <message>
        <location filename="../app/ui/states.py" line="37"/>
        <source>Assist needed</source>
        <translation>Assist needed</translation>
    </message>
    <message>
        <location filename="../app/ui/states.py" line="38"/>
        <source>Safe stop</source>
        <translation>Safe stop</translation>
    </message>
    <message>
        <location filename="../app/ui/states.py" line="39"/>
        <source>Fault</source>
        <translation>Fault</translation>
    </message>
</context>
<context>
    <name>VehicleText</name>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="31"/>
        <source>Idle</source>
        <comment>vehicle state</comment>
        <translation>Idle</translation>
    </message>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="32"/>
        <source>Moving</source>
        <comment>vehicle state</comment>
        <translation>Moving</translation>
    </message>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="33"/>
        <source>Loading</source>
        <comment>vehicle state</comment>
        <translation>Loading</translation>
    </message>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="34"/>
        <source>Dumping</source>
        <comment>vehicle state</comment>
        <translation>Dumping</translation>
    </message>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="35"/>
        <source>Holding</source>
        <comment>vehicle state</comment>
        <translation>Holding</translation>
    </message>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="36"/>
        <source>Assist needed</source>
        <comment>vehicle state</comment>
        <translation>Assist needed</translation>
    </message>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="39"/>
        <source>Safe stop</source>
        <comment>vehicle state</comment>
        <translation>Safe stop</translation>
    </message>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="42"/>
        <source>Fault</source>
        <comment>vehicle state</comment>
        <translation>Fault</translation>
    </message>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="49"/>
        <source>Stale</source>
        <comment>vehicle with no recent telemetry</comment>
        <translation>Stale</translation>
    </message>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="54"/>
        <source>No telemetry yet</source>
        <translation>No telemetry yet</translation>
    </message>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="60"/>
        <source>Autonomous</source>
        <comment>vehicle control mode</comment>
        <translation>Autonomous</translation>
    </message>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="63"/>
        <source>Manual</source>
        <comment>vehicle control mode</comment>
        <translation>Manual</translation>
    </message>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="66"/>
        <source>Remote assist</source>
        <comment>vehicle control mode</comment>
        <translation>Remote assist</translation>
    </message>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="69"/>
        <source>Maintenance</source>
        <comment>vehicle control mode</comment>
        <translation>Maintenance</translation>
    </message>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="79"/>
        <source>Haul truck</source>
        <translation>Haul truck</translation>
    </message>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="80"/>
        <source>Light vehicle</source>
        <translation>Light vehicle</translation>
    </message>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="81"/>
        <source>Water truck</source>
        <translation>Water truck</translation>
    </message>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="89"/>
        <source>%1 s ago</source>
        <translation>%1 s ago</translation>
    </message>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="92"/>
        <source>%1 min ago</source>
        <translation>%1 min ago</translation>
    </message>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="107"/>
        <source>State: %1</source>
        <translation>State: %1</translation>
    </message>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="109"/>
        <source>Mode: %1</source>
        <translation>Mode: %1</translation>
    </message>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="113"/>
        <source>Speed: %1 km/h</source>
        <translation>Speed: %1 km/h</translation>
    </message>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="116"/>
        <source>Energy: %1 %</source>
        <translation>Energy: %1 %</translation>
    </message>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="120"/>
        <source>none</source>
        <comment>no task assigned</comment>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="122"/>
        <source>Task: %1</source>
        <translation>Task: %1</translation>
    </message>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="127"/>
        <source>Link: %1 %</source>
        <translation>Link: %1 %</translation>
    </message>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="133"/>
        <source>Faults: %1</source>
        <translation>Faults: %1</translation>
    </message>
    <message>
        <location filename="../app/ui/map/vehicle_text.py" line="139"/>
        <source>Last seen: %1</source>
        <translation>Last seen: %1</translation>
    </message>
</context>
</TS>
