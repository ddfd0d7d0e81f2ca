#!/usr/bin/env python3
"""The owners' pictures of a full evening, made by the tool (docs/owners.md; `make owner-pictures`).

Drives one `maitre serve --db DB` process: puts the layout, books every request of a demand file
(NDJSON `{"id", "time", "party", "duration"}`) online in time order with a guest name, then plays
the evening up to NOW the way a host would: parties due at least 20 minutes before NOW are seated
at their time (every fifth one ten minutes late; every seventh is left unseated, so it shows as
late), and those whose stay ended before NOW are finished, a few of them 15 minutes late (so they
show as overruns). Then `maitre report --time NOW` writes the report, its timeline and the floor
plan at NOW. Deterministic: the same files give the same pictures.

    scripts/owners_pictures.py MAITRE LAYOUT DEMAND DATE NOW DB OUTPREFIX
"""
import json
import subprocess
import sys

NAMES = ["Martin", "Okafor", "Schmidt", "Rossi", "Tanaka", "Dubois", "Novak", "Silva", "Larsen", "Haddad", "Kowalski", "Moreau"]


def minutes(text):
    hours, mins = text.split(":")
    return int(hours) * 60 + int(mins)


def clock(value):
    return f"{value // 60:02d}:{value % 60:02d}"


def main():
    maitre, layout_path, demand_path, date, now_text, db, prefix = sys.argv[1:8]
    now = minutes(now_text)
    layout = json.load(open(layout_path))
    restaurant = layout["restaurant"]
    serve = subprocess.Popen([maitre, "serve", "--db", db, "--now", f"{date}T06:00:00Z"],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def ask(request):
        serve.stdin.write(json.dumps(request) + "\n")
        serve.stdin.flush()
        return json.loads(serve.stdout.readline())

    assert ask({"id": "put", "op": "layout.put", "layout": layout})["ok"]
    demand = [json.loads(line) for line in open(demand_path) if line.strip()]
    demand.sort(key=lambda r: (minutes(r["time"]), r["id"]))
    booked = []
    for index, request in enumerate(demand):
        answer = ask({"id": request["id"], "op": "book", "restaurant": restaurant, "date": date, "time": request["time"],
                      "party": request["party"], "duration": request.get("duration"), "idempotencyKey": f"pic-{request['id']}",
                      "guest": {"name": NAMES[index % len(NAMES)]}})
        if answer.get("ok"):
            booked.append(answer["result"]["booking"])
    seated = finished = 0
    for index, booking in enumerate(booked):
        start = minutes(booking["time"])
        if start > now - 20 or index % 7 == 0:
            continue
        arrival = start + (10 if index % 5 == 0 else 0)
        if ask({"id": f"seat-{index}", "op": "seat", "booking": booking["id"], "time": clock(arrival)}).get("ok"):
            seated += 1
            leave = arrival + booking["duration"] + (15 if index % 6 == 0 else 0)
            if leave < now and ask({"id": f"finish-{index}", "op": "finish", "booking": booking["id"], "time": clock(leave)}).get("ok"):
                finished += 1
    serve.stdin.close()
    serve.wait()
    print(f"{restaurant} {date}: {len(booked)} of {len(demand)} requests booked, {seated} seated, {finished} finished by {now_text}")
    subprocess.run([maitre, "report", "--db", db, "--restaurant", restaurant, "--date", date, "--time", now_text,
                    "-o", prefix + ".html", "--timeline", prefix + "-timeline.svg"], check=True)
    subprocess.run([maitre, "preview", "--layout", layout_path, "--db", db, "--date", date, "--time", now_text,
                    "-o", prefix + f"-floor-{now_text.replace(':', '')}.svg"], check=True)


if __name__ == "__main__":
    main()
