// PixelHolo text-protocol pan/tilt mount: two hobby servos on an Arduino (Uno, Nano, ESP32 with ESP32Servo).
// Speaks the line protocol of docs/tracking.md at 9600 baud 8N1:
//   PAN <deg/s>   TILT <deg/s>   STOP   HOME [deg/s]   GOTO <pan> <tilt> <deg/s>   POS?
// and answers OK, ERR <reason> or POS <pan> <tilt>. Speeds are integrated into servo angles every 20 ms.
// Wiring: pan servo signal on pin 9, tilt servo on pin 10, servo power from its own 5-6 V supply (common ground).
// Run:  pixelholo track --camera /dev/video0 --port /dev/ttyACM0 --protocol text

#include <Servo.h>

const int PAN_PIN = 9;
const int TILT_PIN = 10;
const float PAN_LIMIT = 80.0;     // degrees either side of centre the mechanics allow
const float TILT_LIMIT = 30.0;
const float PAN_CENTRE_US = 1500; // servo pulse at 0 degrees
const float US_PER_DEGREE = 10.0; // about 1000 us for 100 degrees on most hobby servos
const unsigned long STEP_MS = 20;

Servo panServo;
Servo tiltServo;
float pan = 0, tilt = 0;              // current angles, degrees (positive = right / up)
float panSpeed = 0, tiltSpeed = 0;    // degrees per second
bool goingTo = false;
float targetPan = 0, targetTilt = 0, targetSpeed = 0;
char line[64];
int lineLength = 0;
bool lineTooLong = false;
unsigned long lastStep = 0;

void setup() {
  Serial.begin(9600);
  panServo.attach(PAN_PIN);
  tiltServo.attach(TILT_PIN);
  writeServos();
  lastStep = millis();
}

void loop() {
  while (Serial.available() > 0) {
    char c = (char)Serial.read();
    if (c == '\r') continue;
    if (c == '\n') {
      line[lineLength] = '\0';
      if (lineTooLong) Serial.println("ERR line too long");
      else if (lineLength > 0) handle(line);
      lineLength = 0;
      lineTooLong = false;
    } else if (lineLength < (int)sizeof(line) - 1) {
      line[lineLength++] = c;
    } else {
      lineTooLong = true;
    }
  }
  unsigned long now = millis();
  if (now - lastStep >= STEP_MS) {
    step((now - lastStep) / 1000.0);
    lastStep = now;
  }
}

void handle(char *text) {
  char *word = strtok(text, " ");
  if (word == NULL) return;
  if (strcmp(word, "PAN") == 0 || strcmp(word, "TILT") == 0) {
    char *value = strtok(NULL, " ");
    if (value == NULL) { Serial.println("ERR missing speed"); return; }
    goingTo = false;
    if (word[0] == 'P') panSpeed = atof(value); else tiltSpeed = atof(value);
    Serial.println("OK");
  } else if (strcmp(word, "STOP") == 0) {
    goingTo = false;
    panSpeed = tiltSpeed = 0;
    Serial.println("OK");
  } else if (strcmp(word, "HOME") == 0) {
    char *value = strtok(NULL, " ");
    moveTo(0, 0, value == NULL ? 60.0 : atof(value));
    Serial.println("OK");
  } else if (strcmp(word, "GOTO") == 0) {
    char *p = strtok(NULL, " ");
    char *t = strtok(NULL, " ");
    char *v = strtok(NULL, " ");
    if (p == NULL || t == NULL || v == NULL) { Serial.println("ERR GOTO needs pan tilt speed"); return; }
    moveTo(atof(p), atof(t), atof(v));
    Serial.println("OK");
  } else if (strcmp(word, "POS?") == 0) {
    Serial.print("POS ");
    Serial.print(pan, 1);
    Serial.print(' ');
    Serial.println(tilt, 1);
  } else {
    Serial.println("ERR unknown command");
  }
}

void moveTo(float p, float t, float speed) {
  goingTo = true;
  panSpeed = tiltSpeed = 0;
  targetPan = constrain(p, -PAN_LIMIT, PAN_LIMIT);
  targetTilt = constrain(t, -TILT_LIMIT, TILT_LIMIT);
  targetSpeed = max(speed, 1.0f);
}

float approach(float value, float target, float stepSize) {
  if (fabs(target - value) <= stepSize) return target;
  return value + (target > value ? stepSize : -stepSize);
}

void step(float seconds) {
  if (goingTo) {
    pan = approach(pan, targetPan, targetSpeed * seconds);
    tilt = approach(tilt, targetTilt, targetSpeed * seconds);
    if (pan == targetPan && tilt == targetTilt) goingTo = false;
  } else {
    pan = constrain(pan + panSpeed * seconds, -PAN_LIMIT, PAN_LIMIT);
    tilt = constrain(tilt + tiltSpeed * seconds, -TILT_LIMIT, TILT_LIMIT);
  }
  writeServos();
}

void writeServos() {
  // A servo turning the camera right usually needs the shorter pulse; flip the sign here (or set
  // Tracking:InvertPan) if yours turns the other way.
  panServo.writeMicroseconds((int)(PAN_CENTRE_US - pan * US_PER_DEGREE));
  tiltServo.writeMicroseconds((int)(PAN_CENTRE_US + tilt * US_PER_DEGREE));
}
