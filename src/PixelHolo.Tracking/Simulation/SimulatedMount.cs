namespace PixelHolo.Tracking.Simulation;

/// <summary>The mechanics of a pan/tilt head: speed commands integrated into angles over time, within the mechanical
/// limits, plus absolute moves. Thread-safe; angles are read at the current time.</summary>
internal sealed class SimulatedMount(TimeProvider time, float maxDegreesPerSecond = SimulatedMount.DefaultMaxDegreesPerSecond)
{
    public const float DefaultMaxDegreesPerSecond = 60;

    public const float PanLimitDegrees = 170;

    public const float TiltLimitDegrees = 30;

    private readonly Lock _gate = new();
    private float _pan, _tilt, _panSpeed, _tiltSpeed;
    private (float Pan, float Tilt, float DegreesPerSecond)? _target;
    private long _updated = time.GetTimestamp();

    public float MaxDegreesPerSecond => maxDegreesPerSecond;

    public (float Pan, float Tilt) Position
    {
        get
        {
            lock (_gate)
            {
                Advance();
                return (_pan, _tilt);
            }
        }
    }

    /// <summary>The current speeds in degrees per second (zero when stopped or when an absolute move has arrived).</summary>
    public (float Pan, float Tilt) Speeds
    {
        get
        {
            lock (_gate)
            {
                Advance();
                return _target is { } target ? (target.DegreesPerSecond, target.DegreesPerSecond) : (_panSpeed, _tiltSpeed);
            }
        }
    }

    /// <summary>Speeds as fractions -1..1 of the top speed; NaN keeps that axis's current speed.</summary>
    public void Drive(float pan, float tilt)
    {
        lock (_gate)
        {
            Advance();
            _target = null;
            if (!float.IsNaN(pan)) { _panSpeed = pan * maxDegreesPerSecond; }
            if (!float.IsNaN(tilt)) { _tiltSpeed = tilt * maxDegreesPerSecond; }
        }
    }

    public void MoveTo(float pan, float tilt, float speedFraction)
    {
        lock (_gate)
        {
            Advance();
            _panSpeed = _tiltSpeed = 0;
            _target = (Math.Clamp(pan, -PanLimitDegrees, PanLimitDegrees), Math.Clamp(tilt, -TiltLimitDegrees, TiltLimitDegrees),
                Math.Max(0.01f, speedFraction) * maxDegreesPerSecond);
        }
    }

    /// <summary>Puts the head at an angle at once (test set-up).</summary>
    public void Place(float pan, float tilt)
    {
        lock (_gate)
        {
            _updated = time.GetTimestamp();
            _pan = pan;
            _tilt = tilt;
            _panSpeed = _tiltSpeed = 0;
            _target = null;
        }
    }

    private void Advance()
    {
        long now = time.GetTimestamp();
        float seconds = (float)time.GetElapsedTime(_updated, now).TotalSeconds;
        _updated = now;
        if (_target is { } target)
        {
            _pan = Approach(_pan, target.Pan, target.DegreesPerSecond * seconds);
            _tilt = Approach(_tilt, target.Tilt, target.DegreesPerSecond * seconds);
            if (_pan == target.Pan && _tilt == target.Tilt) { _target = null; }
            return;
        }
        _pan = Math.Clamp(_pan + (_panSpeed * seconds), -PanLimitDegrees, PanLimitDegrees);
        _tilt = Math.Clamp(_tilt + (_tiltSpeed * seconds), -TiltLimitDegrees, TiltLimitDegrees);
    }

    private static float Approach(float value, float target, float step) =>
        Math.Abs(target - value) <= step ? target : value + (Math.Sign(target - value) * step);
}
